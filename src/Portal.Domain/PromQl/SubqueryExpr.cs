namespace Portal.Domain.PromQl;

public sealed record SubqueryExpr(Expr Inner, TimeSpan Range, TimeSpan? Step, TimeSpan Offset, AtModifier? At, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Matrix;
}
