using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Catalog;

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
