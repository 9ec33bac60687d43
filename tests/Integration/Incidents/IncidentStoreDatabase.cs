using Portal.Domain.Incidents;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Incidents;
using Portal.Tests.Integration.Catalog;

namespace Portal.Tests.Integration.Incidents;

/// <summary>A migrated database of the test class's own with the real incident store on top, fed by <see cref="FakeEvidence"/>.</summary>
public sealed class IncidentStoreDatabase : IAsyncLifetime
{
    private readonly CatalogDatabase _catalog = new();

    public FakeEvidence Evidence { get; } = new();

    public IIncidentStore Store { get; private set; } = null!;

    public IAuditLog Audit => _catalog.Audit;

    public Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Infrastructure.Persistence.PortalDbContext> Contexts => _catalog.Contexts;

    public async Task InitializeAsync()
    {
        await _catalog.InitializeAsync();
        Store = NewStore();
    }

    /// <summary>Another store on the same database, as a second portal instance would be.</summary>
    public IIncidentStore NewStore() =>
        new IncidentStore(_catalog.Contexts, TimeProvider.System, new Portal.Infrastructure.Access.AccessGuard(_catalog.Audit), Evidence);

    public Task DisposeAsync() => _catalog.DisposeAsync();
}

/// <summary>
/// Stands in for the Prometheus-backed evidence (another branch's): the store's side of starting an incident — what it
/// keeps of the evidence and how — is what these tests are about. Answers what <see cref="Next"/> holds.
/// </summary>
public sealed class FakeEvidence : IIncidentEvidence
{
    public IncidentEvidence Next { get; set; } = IncidentEvidence.None;

    public Task<IncidentEvidence> GatherAsync(Guid? ruleId, IReadOnlyDictionary<string, string>? alertLabels, DateTimeOffset startedAt, CancellationToken ct) =>
        Task.FromResult(Next);

    public Task<IReadOnlyList<TimelineEntry>> AlertTimelineAsync(RuleFacts? rule, AlertFacts? alert, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult(Next.AlertTimeline);

    public Task<ChartSnapshot?> SnapshotAsync(RuleFacts rule, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => Task.FromResult(Next.Chart);

    public Task<EarlierDetectionReport> EarlierDetectionAsync(IncidentDetail incident, CancellationToken ct) =>
        Task.FromResult(EarlierDetectionReport.Unanswered("not in these tests"));
}
