using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Caching;

namespace Portal.Infrastructure.Tuning;

public interface ITuningData
{
    /// <summary>Plans the range (limits are checked before Prometheus is asked), then fetches through the cache.</summary>
    Task<TuningSamples> LoadAsync(TuningRequest request, CancellationToken ct);
}
