namespace Portal.Domain.PromQl;

public sealed record ParenExpr(Expr Inner, TextSpan Span) : Expr(Span)
{
    // Stored, not computed: asking a deep tree for its type must not walk it every time.
    public override PromQlType Type { get; } = Inner.Type;
}
