using Portal.Domain.Access;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Unit.Features.Admin;

/// <summary>An audit log in memory: the entries a test puts in, filtered by actor; every query remembered.</summary>
internal sealed class FakeAuditLog : IAuditLog
{
    public List<AuditEntry> Entries { get; } = [];

    public List<AuditQuery> Queries { get; } = [];

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        Queries.Add(query);
        var matching = Entries.Where(e => query.Actor is null || e.Actor == query.Actor).ToList();
        return Task.FromResult(new AuditPage(matching.Skip(query.Skip).Take(query.Take).ToList(), matching.Count));
    }

    public Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(Entries.Select(e => e.Action).Distinct().Order().ToList());

    public Task<string> CsvAsync(AuditQuery query, CancellationToken ct) => Task.FromResult("");

    public Task RecordAsync(Caller caller, string action, string subject, object? detail, CancellationToken ct)
    {
        var actor = caller.Name;
        Entries.Add(new AuditEntry(Entries.Count + 1, DateTimeOffset.UtcNow, actor, action, subject, detail?.ToString()));
        return Task.CompletedTask;
    }
}
