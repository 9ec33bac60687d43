namespace Portal.Domain.PromQl;

/// <summary>How the two sides of a binary operation between vectors are matched (`on`, `ignoring`, `group_x`).</summary>
public sealed record VectorMatching(
    VectorMatchCardinality Card,
    IReadOnlyList<string> MatchingLabels,
    bool On,
    IReadOnlyList<string> Include,
    bool HasModifier);
