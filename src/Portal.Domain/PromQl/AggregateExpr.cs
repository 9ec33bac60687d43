namespace Portal.Domain.PromQl;

public sealed record AggregateExpr(
    TokenKind Op,
    Expr Argument,
    Expr? Parameter,
    IReadOnlyList<string> Grouping,
    bool Without,
    bool HasGrouping,
    TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Vector;
}
