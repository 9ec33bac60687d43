using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Portal.Domain.Queries;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Caching;

/// <summary>Range queries through the Redis cache. Without Redis it still answers, straight from Prometheus.</summary>
public interface IRangeQueries
{
    Task<RangeResult> QueryRangeAsync(string query, RangePlan plan, int maxSeries, CancellationToken ct);
}
