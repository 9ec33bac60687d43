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
