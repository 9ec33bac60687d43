using Portal.Domain.Runbooks;

namespace Portal.Infrastructure.Runbooks;

/// <summary>The catalog's alerting rules as runbook health sees them: annotation and linked runbook.</summary>
public interface IRunbookCoverage
{
    /// <summary>Every enabled alerting rule of a live (not archived, not deleted) namespace.</summary>
    Task<IReadOnlyList<AlertRunbookRef>> AlertsAsync(CancellationToken ct);
}
