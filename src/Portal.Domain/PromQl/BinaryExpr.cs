namespace Portal.Domain.PromQl;

public sealed record BinaryExpr(TokenKind Op, Expr Lhs, Expr Rhs, VectorMatching? Matching, bool ReturnBool, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type { get; } =
        Lhs.Type == PromQlType.Scalar && Rhs.Type == PromQlType.Scalar ? PromQlType.Scalar : PromQlType.Vector;
}
