using Portal.Domain.Catalog;
using Portal.Domain.Live;

namespace Portal.Infrastructure.Live;

/// <summary>
/// What the publish targets are evaluating now, tied to the portal's rules: the one service behind the
/// Alerts page, the rule page's Live panel, the rules list's live filter and the live API endpoints.
/// Reads are cached per target for <see cref="LiveOptions.CacheFor"/>; a target that is down is reported, not fatal.
/// </summary>
public interface ILiveAlerts
{
    /// <summary>Everything pending and firing on every target, merged across targets, filtered and grouped.</summary>
    Task<AlertBoard> AlertsAsync(AlertFilter filter, CancellationToken ct);

    /// <summary>One stored rule on every target; null when there is no such rule.</summary>
    Task<RuleLive?> RuleAsync(Guid id, CancellationToken ct);

    /// <summary>Every stored rule some target evaluates, with its state over all targets, for lists.</summary>
    Task<LiveIndex> StatesAsync(CancellationToken ct);
}

/// <param name="Key">The published identity; null when the rule is disabled (so not published).</param>
/// <param name="Live">What the newest release a target holds says of the rule (null: no target holds it), for the "live vs. draft" diff.</param>
/// <param name="SeriesCut">Series left out of <see cref="TargetRuleState.Rule"/> by the per-rule bound, over all targets.</param>
public sealed record RuleLive(
    Guid RuleId,
    PublishedRuleKey? Key,
    LiveState State,
    long? Release,
    RuleContent? Live,
    IReadOnlyList<TargetRuleState> Targets,
    int SeriesCut,
    DateTimeOffset At);

/// <param name="Rules">Stored rule id → state over all targets; a stored rule missing here has no data.</param>
public sealed record LiveIndex(IReadOnlyDictionary<Guid, RuleLiveSummary> Rules, IReadOnlyList<TargetProblem> Unavailable, DateTimeOffset At)
{
    public RuleLiveSummary Of(Guid id) => Rules.TryGetValue(id, out var summary) ? summary : NoData;

    public static readonly RuleLiveSummary NoData = new(LiveState.NoData, 0, 0, false, null);
}
