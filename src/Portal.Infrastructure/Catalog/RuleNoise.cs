using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Catalog;

internal sealed class RuleNoise(IDbContextFactory<PortalDbContext> factory, IOptions<PrometheusOptions> prometheus) : IRuleNoise
{
    public async Task<IReadOnlyList<NoiseCandidate>> AlertsToMeasureAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Rules.AsNoTracking()
            .Where(r => r.DeletedAt == null && r.Enabled && r.Kind == RuleKind.Alerting)
            .Select(r => new { r.Id, r.Name, r.Expression, r.ThresholdQuery, r.ThresholdOperator, r.Threshold, r.ForMs, r.KeepFiringForMs, r.Group.IntervalMs })
            .ToListAsync(ct);
        return rows.Select(r => new NoiseCandidate(r.Id, r.Name, r.Expression, r.ThresholdQuery, r.ThresholdOperator, r.Threshold,
                TimeSpan.FromMilliseconds(r.ForMs ?? 0), TimeSpan.FromMilliseconds(r.KeepFiringForMs ?? 0),
                r.IntervalMs is { } ms ? TimeSpan.FromMilliseconds(ms) : prometheus.Value.EvaluationInterval))
            .ToList();
    }

    public async Task RecordAsync(Guid ruleId, double firesPerWeek, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Rules.Where(r => r.Id == ruleId).ExecuteUpdateAsync(s => s.SetProperty(r => r.FiresPerWeek, Math.Round(firesPerWeek, 2)), ct);
    }
}
