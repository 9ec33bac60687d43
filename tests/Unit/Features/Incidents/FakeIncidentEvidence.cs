using Portal.Domain.Incidents;
using Portal.Infrastructure.Incidents;

namespace Portal.Tests.Unit.Features.Incidents;

/// <summary>An <see cref="IIncidentEvidence"/> that answers what the test set, and counts the earlier-detection backtests asked for.</summary>
internal sealed class FakeIncidentEvidence : IIncidentEvidence
{
    public EarlierDetectionReport Report { get; set; } = EarlierDetectionReport.Unanswered("No data.");

    public int EarlierAsked { get; private set; }

    public Task<IncidentEvidence> GatherAsync(Guid? ruleId, IReadOnlyDictionary<string, string>? alertLabels, DateTimeOffset startedAt, CancellationToken ct) =>
        Task.FromResult(IncidentEvidence.None);

    public Task<IReadOnlyList<TimelineEntry>> AlertTimelineAsync(RuleFacts? rule, AlertFacts? alert, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TimelineEntry>>([]);

    public Task<ChartSnapshot?> SnapshotAsync(RuleFacts rule, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => Task.FromResult<ChartSnapshot?>(null);

    public Task<EarlierDetectionReport> EarlierDetectionAsync(IncidentDetail incident, CancellationToken ct)
    {
        EarlierAsked++;
        return Task.FromResult(Report);
    }
}
