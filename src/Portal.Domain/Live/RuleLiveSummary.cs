namespace Portal.Domain.Live;

/// <summary>A stored rule's live state over every target, for lists: one value per rule, no series.</summary>
/// <param name="Release">The newest release a target verifiably runs the rule from.</param>
public sealed record RuleLiveSummary(LiveState State, int Firing, int Pending, bool HasError, long? Release);
