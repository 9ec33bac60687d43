using Portal.Domain.Incidents;
using Portal.Domain.Queries;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Incidents;

/// <summary>The rule's query over the incident window with margins, kept as points so the writeup outlives Prometheus' retention.</summary>
internal sealed partial class IncidentEvidenceGatherer
{
    /// <summary>The least margin either side: a short incident still shows what came before and after it.</summary>
    public static readonly TimeSpan MinMargin = TimeSpan.FromMinutes(15);

    /// <summary>Series read to choose the kept ones from; beyond this the answer is cut by Prometheus' reader and counted.</summary>
    private const int SnapshotCandidates = 500;

    public async Task<ChartSnapshot?> SnapshotAsync(RuleFacts rule, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var now = clock.GetUtcNow();
        if (to > now)
        {
            to = now;
        }

        if (to <= from)
        {
            return null;
        }

        var margin = TimeSpan.FromTicks(Math.Max(MinMargin.Ticks, (to - from).Ticks / 4));
        var start = from - margin;
        var end = to + margin > now ? now : to + margin;
        if (end - start > RangePlan.MaxRange)
        {
            // The end is what the writeup is about once it is resolved; the planner refuses longer ranges anyway.
            start = end - RangePlan.MaxRange;
        }

        // Two fewer than the bound: aligning both ends down to the step can add one point.
        var wanted = TimeSpan.FromTicks((end - start).Ticks / (ChartSnapshot.MaxPoints - 2));
        var step = WholeSeconds(wanted > rule.EvaluationInterval ? wanted : rule.EvaluationInterval);
        var planned = RangePlan.Choose(start, end, step);
        var plan = planned.Plan ?? throw new PrometheusException(PrometheusErrorKind.BadData, planned.Problem!);
        var query = rule.Query ?? rule.Expression;
        var result = await prometheus.QueryRangeAsync(query, plan, SnapshotCandidates, ct);

        var points = Math.Min(plan.PointsPerSeries, ChartSnapshot.MaxPoints);
        var startMs = plan.Start.ToUnixTimeMilliseconds();
        var stepMs = (long)plan.Step.TotalMilliseconds;
        var kept = result.Series
            .Select(s => (Series: s, Rank: Closeness(s, rule.Operator, rule.Threshold)))
            .OrderByDescending(s => s.Rank)
            .ThenBy(s => Text(s.Series.Labels), StringComparer.Ordinal)
            .Take(ChartSnapshot.MaxSeries)
            .Select(s => new SnapshotSeries(Text(s.Series.Labels), Values(s.Series, startMs, stepMs, points)))
            .ToList();
        return new ChartSnapshot(query, startMs, stepMs, kept, rule.Threshold, rule.Operator, now)
        {
            CutSeries = result.TotalSeries - kept.Count,
        };
    }

    /// <summary>
    /// How near a series came to firing, larger is nearer: over the threshold counts most, then closeness. Without a
    /// threshold the highest series come first.
    /// </summary>
    private static double Closeness(RangeSeries series, string? op, double? threshold)
    {
        var values = series.Samples.Select(s => s.Value).Where(double.IsFinite).ToList();
        if (values.Count == 0)
        {
            return double.NegativeInfinity;
        }

        if (threshold is not { } t || op is null)
        {
            return values.Max();
        }

        return op switch
        {
            ">" or ">=" => values.Max() - t,
            "<" or "<=" => t - values.Min(),
            _ => -values.Min(v => Math.Abs(v - t)),
        };
    }

    private static double[] Values(RangeSeries series, long startMs, long stepMs, int points)
    {
        var values = new double[points];
        Array.Fill(values, double.NaN);
        foreach (var (at, value) in series.Samples)
        {
            var offset = at.ToUnixTimeMilliseconds() - startMs;
            var index = offset / stepMs;
            if (offset >= 0 && offset % stepMs == 0 && index < points)
            {
                values[index] = value;
            }
        }

        return values;
    }

    /// <summary>Labels as Prometheus prints a series: <c>name{a="1", b="2"}</c>.</summary>
    private static string Text(IReadOnlyDictionary<string, string> labels)
    {
        var name = labels.GetValueOrDefault("__name__") ?? "";
        var rest = labels.Where(l => l.Key != "__name__").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={Quote(l.Value)}");
        return $"{name}{{{string.Join(", ", rest)}}}";
    }
}
