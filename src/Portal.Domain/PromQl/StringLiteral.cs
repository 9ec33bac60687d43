namespace Portal.Domain.PromQl;

public sealed record StringLiteral(string Value, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.String;
}
