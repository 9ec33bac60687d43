namespace Portal.Domain.Live;

/// <summary>One target's view of one rule, for the rule page and <c>/api/v1/rules/{id}/live</c>.</summary>
/// <param name="Problem">Why the target could not be asked (down, too slow, answer too large); null when it answered.</param>
/// <param name="File">The portal's file for the rule's namespace that the target verifiably loaded; null: none.</param>
/// <param name="Rule">The rule as the target evaluates it; null when the target does not evaluate it.</param>
public sealed record TargetRuleState(string Target, string? Problem, PublishedFile? File, EvaluatedRule? Rule)
{
    public LiveState State => Rule is null ? LiveState.NoData : RuleStates.StateOf(Rule);
}
