using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Audit;

/// <summary>Reading the append-only audit log (writes happen where the audited change is made, in its transaction).</summary>
public interface IAuditLog
{
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct);

    /// <summary>The distinct actions recorded so far, for the filter's choices.</summary>
    Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct);

    /// <summary>Every entry matching the filters (no paging) as RFC 4180 CSV, oldest first.</summary>
    Task<string> CsvAsync(AuditQuery query, CancellationToken ct);

    /// <summary>One entry on its own (refusals, user changes); changes of the catalog write theirs in their own transaction instead.</summary>
    Task RecordAsync(Caller caller, string action, string subject, object? detail, CancellationToken ct);
}
