using Microsoft.EntityFrameworkCore;
using Portal.Domain.Lint;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Runbooks;

internal sealed class RunbookCoverage(IDbContextFactory<PortalDbContext> factory) : IRunbookCoverage
{
    public async Task<IReadOnlyList<AlertRunbookRef>> AlertsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Rules.AsNoTracking()
            .Where(r => r.DeletedAt == null && r.Enabled && r.Kind == RuleKind.Alerting
                        && r.Group.Namespace.DeletedAt == null && r.Group.Namespace.ArchivedAt == null)
            .OrderBy(r => r.Group.Namespace.Name).ThenBy(r => r.Name)
            .Select(r => new
            {
                r.Id, r.Name, Namespace = r.Group.Namespace.Name, r.Group.Namespace.Team, r.Annotations,
                Linked = db.Runbooks.Where(b => b.Id == r.RunbookId && b.DeletedAt == null).Select(b => b.Slug).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new AlertRunbookRef(r.Id, r.Name, r.Namespace, r.Team,
            r.Annotations.GetValueOrDefault("runbook_url"), r.Linked)).ToList();
    }
}
