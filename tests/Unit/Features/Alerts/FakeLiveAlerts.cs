using Portal.Domain.Live;
using Portal.Infrastructure.Live;

namespace Portal.Tests.Unit.Features.Alerts;

/// <summary>Live state without Prometheus: a board, rule states and rule details set by the test; the filters it was asked with are kept.</summary>
internal sealed class FakeLiveAlerts : ILiveAlerts
{
    public AlertBoard Board { get; set; } = AlertBoard.Empty(DateTimeOffset.UnixEpoch);

    public Func<AlertFilter, AlertBoard>? Answer { get; set; }

    public Dictionary<Guid, RuleLive> Rules { get; } = [];

    public LiveIndex Index { get; set; } = new(new Dictionary<Guid, RuleLiveSummary>(), [], DateTimeOffset.UnixEpoch);

    public List<AlertFilter> Asked { get; } = [];

    public Task<AlertBoard> AlertsAsync(AlertFilter filter, CancellationToken ct)
    {
        lock (Asked)
        {
            Asked.Add(filter);
        }

        return Task.FromResult(Answer?.Invoke(filter) ?? Board);
    }

    public Task<RuleLive?> RuleAsync(Guid id, CancellationToken ct) => Task.FromResult(Rules.GetValueOrDefault(id));

    public Task<LiveIndex> StatesAsync(CancellationToken ct) => Task.FromResult(Index);
}
