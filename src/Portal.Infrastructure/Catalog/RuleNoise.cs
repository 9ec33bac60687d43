using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Catalog;

/// <summary>An enabled alert as the noise job needs it: its condition split like the tuning page splits it.</summary>
public sealed record NoiseCandidate(
    Guid RuleId, string Name, string Expression, string? Query, string? Operator, double? Threshold,
    TimeSpan For, TimeSpan KeepFiringFor, TimeSpan Interval);

/// <summary>The measured alert noise of rules (fires per week), kept beside the rule.</summary>
public interface IRuleNoise
{
    Task<IReadOnlyList<NoiseCandidate>> AlertsToMeasureAsync(CancellationToken ct);

    /// <summary>
    /// Stores a measurement. It changes the row (and so its xmin) but not its content version, which
    /// forms and the API send along, so an open editor does not see a conflict (decision 0008).
    /// </summary>
    Task RecordAsync(Guid ruleId, double firesPerWeek, CancellationToken ct);
}

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
