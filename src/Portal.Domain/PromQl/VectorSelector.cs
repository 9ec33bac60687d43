namespace Portal.Domain.PromQl;

public sealed record VectorSelector(
    string? Name,
    IReadOnlyList<LabelMatcher> Matchers,
    TimeSpan Offset,
    AtModifier? At,
    TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Vector;
}
