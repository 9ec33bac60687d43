namespace Portal.Domain.PromQl;

public sealed record MatrixSelector(VectorSelector Selector, TimeSpan Range, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Matrix;
}
