namespace Portal.Domain.PromQl;

public sealed record UnaryExpr(TokenKind Op, Expr Operand, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type { get; } = Operand.Type;
}
