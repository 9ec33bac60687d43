namespace Portal.Domain.Live;

public static class RuleStates
{
    /// <summary>A rule not evaluated yet has no data; a recording rule that was is inactive (it has no alert state).</summary>
    public static LiveState StateOf(EvaluatedRule rule) =>
        rule.LastEvaluation is null ? LiveState.NoData
        : rule.Kind == Lint.RuleKind.Recording ? LiveState.Inactive
        : rule.State;

    /// <summary>The state furthest along on any target.</summary>
    public static LiveState Overall(IEnumerable<TargetRuleState> targets) =>
        targets.Select(t => t.State).DefaultIfEmpty(LiveState.NoData).Max();

    /// <summary>Every stored rule that some target evaluates, with its state over all targets (the rules list's live column and filter).</summary>
    public static IReadOnlyDictionary<Guid, RuleLiveSummary> Summarize(IEnumerable<MatchedRule> matched, IReadOnlyDictionary<PublishedRuleKey, CatalogRule> catalog)
    {
        var summaries = new Dictionary<Guid, RuleLiveSummary>();
        foreach (var match in matched)
        {
            if (match.Key is not { } key || !catalog.TryGetValue(key, out var stored))
            {
                continue;
            }

            var state = StateOf(match.Rule);
            var firing = match.Rule.Series.Count(s => s.State == LiveState.Firing);
            var pending = match.Rule.Series.Count(s => s.State == LiveState.Pending);
            var error = !string.IsNullOrEmpty(match.Rule.LastError) || match.Rule.Health == "err";
            var release = match.Published?.Release;
            summaries[stored.Id] = summaries.TryGetValue(stored.Id, out var seen)
                ? new RuleLiveSummary(state > seen.State ? state : seen.State, Math.Max(firing, seen.Firing), Math.Max(pending, seen.Pending),
                    error || seen.HasError, Max(release, seen.Release))
                : new RuleLiveSummary(state, firing, pending, error, release);
        }

        return summaries;
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
