namespace Portal.Domain.PromQl;

public sealed record NumberLiteral(double Value, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Scalar;
}
