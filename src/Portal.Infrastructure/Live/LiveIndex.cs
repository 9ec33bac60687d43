using Portal.Domain.Live;

namespace Portal.Infrastructure.Live;

/// <param name="Rules">Stored rule id → state over all targets; a stored rule missing here has no data.</param>
public sealed record LiveIndex(IReadOnlyDictionary<Guid, RuleLiveSummary> Rules, IReadOnlyList<TargetProblem> Unavailable, DateTimeOffset At)
{
    public RuleLiveSummary Of(Guid id) => Rules.TryGetValue(id, out var summary) ? summary : NoData;

    public static readonly RuleLiveSummary NoData = new(LiveState.NoData, 0, 0, false, null);
}
