using System.Text;

namespace Portal.Infrastructure.Caching;

/// <summary>One series of one chunk: parallel arrays of millisecond times and values.</summary>
internal sealed record CachedSeries(Dictionary<string, string> Labels, long[] Times, double[] Values);
