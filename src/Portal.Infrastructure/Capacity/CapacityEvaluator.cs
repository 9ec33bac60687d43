using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Capacity;
using Portal.Domain.Queries;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Capacity;

/// <summary>
/// Evaluates every stored model, budget and baseline with one range query: each query is tagged with its own
/// <c>__capacity</c> label (label_replace) and all are joined with <c>or</c>, so the answer's series say which query
/// they belong to. When Prometheus refuses the batch (one broken query spoils it), each query is asked alone to find
/// and report the broken ones. When Prometheus cannot be reached, the last good report is kept and marked.
/// </summary>
internal sealed class CapacityEvaluator(
    ICapacityStore store,
    IPrometheus prometheus,
    TimeProvider clock,
    IOptions<CapacityOptions> options,
    ILogger<CapacityEvaluator> logger) : ICapacityEvaluator
{
    /// <summary>Below this many points in every series, the window is too young for a trend and the last hour is asked instead.</summary>
    internal const int YoungThreshold = 2 * CapacityForecasting.MinPoints;

    internal static readonly TimeSpan YoungWindow = TimeSpan.FromHours(1);

    internal static readonly TimeSpan YoungStep = TimeSpan.FromSeconds(15);

    /// <summary>Series read from the batch at most; a query answering many series is reported, not read whole.</summary>
    public const int MaxSeriesPerQuery = 20;

    private const string Tag = "__capacity";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Cached? _cached;
    private CapacityReport? _lastGood;

    private sealed record Cached(string Signature, DateTimeOffset At, CapacityReport Report);

    /// <summary>One query of the batch: its key (the tag value) and text.</summary>
    private sealed record Part(string Key, string Query);

    public async Task<CapacityReport> EvaluateAsync(CancellationToken ct)
    {
        // The stored rows are read every time (cheap) so that a saved model shows at once; Prometheus' answer is what is cached.
        var models = await store.ModelsAsync(ct);
        var budgets = await store.BudgetsAsync(ct);
        var baselines = await store.BaselinesAsync(ct);
        var signature = Signature(models, budgets, baselines);
        if (Fresh(signature) is { } hit)
        {
            return hit;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh(signature) is { } meanwhile)
            {
                return meanwhile;
            }

            var report = await EvaluateNowAsync(models, budgets, baselines, ct);
            if (report.Unavailable is null)
            {
                _lastGood = report;
            }

            _cached = new Cached(signature, clock.GetUtcNow(), report);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    private CapacityReport? Fresh(string signature) =>
        _cached is { } c && c.Signature == signature && clock.GetUtcNow() - c.At < options.Value.CacheFor ? c.Report : null;

    private static string Signature(IReadOnlyList<CapacityModelRow> models, IReadOnlyList<MemoryBudgetRow> budgets, IReadOnlyList<ServiceBaselineRow> baselines) =>
        string.Join(",", models.Select(m => $"{m.Id}:{m.Version}").Concat(budgets.Select(b => $"{b.Id}:{b.Version}")).Concat(baselines.Select(b => $"{b.Id}:{b.Version}")));

    private async Task<CapacityReport> EvaluateNowAsync(
        IReadOnlyList<CapacityModelRow> models, IReadOnlyList<MemoryBudgetRow> budgets, IReadOnlyList<ServiceBaselineRow> baselines, CancellationToken ct)
    {
        var window = options.Value.Window;
        var now = clock.GetUtcNow();
        var end = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var step = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(window.TotalSeconds / Math.Max(1, options.Value.Points))));
        var plan = new RangePlan(end - step * options.Value.Points, end, step);
        var parts = Parts(models, budgets, baselines);
        Answers answers;
        string? unavailable = null;
        try
        {
            answers = parts.Count == 0 ? new Answers() : await BatchAsync(parts, plan, ct);

            // Data younger than a few of the window's steps (a stack started this morning) gives no trend at one point per
            // 35 minutes: the last hour at a fine step shows what there is, and the page says which window it measured.
            if (parts.Count > 0 && answers.MostSamples < YoungThreshold)
            {
                var young = new RangePlan(end - YoungWindow, end, YoungStep);
                answers = await BatchAsync(parts, young, ct);
                window = YoungWindow;
            }
        }
        catch (PrometheusException e) when (e.Kind is PrometheusErrorKind.Unavailable or PrometheusErrorKind.Timeout)
        {
            logger.LogWarning("Capacity evaluation could not reach Prometheus: {Message}", e.Message);
            unavailable = $"Prometheus could not be reached ({e.Message}).";
            if (_lastGood is { } last)
            {
                return last with { Unavailable = unavailable + $" Showing the values of {last.EvaluatedAt:u}." };
            }

            answers = Answers.AllFailed(parts, "Prometheus could not be reached.");
        }

        var cards = models.Select((m, i) => Card(m, i, answers, now)).ToList();
        var budgetViews = budgets.Select((b, i) => Budget(b.Spec, i, answers)).ToList();
        var baselineViews = baselines.Select((b, i) => CapacityJudging.Baseline(b.Spec, answers.Last($"s{i}p"), answers.Last($"s{i}r"))).ToList();
        return new CapacityReport(now, window, cards, budgetViews, baselineViews, unavailable);
    }

    private static List<Part> Parts(IReadOnlyList<CapacityModelRow> models, IReadOnlyList<MemoryBudgetRow> budgets, IReadOnlyList<ServiceBaselineRow> baselines)
    {
        var parts = new List<Part>();
        for (var i = 0; i < models.Count; i++)
        {
            parts.Add(new Part($"m{i}u", models[i].Spec.UsageQuery));
            if (models[i].Spec.Limit.Query is { } limit)
            {
                parts.Add(new Part($"m{i}l", limit));
            }
        }

        for (var i = 0; i < budgets.Count; i++)
        {
            if (budgets[i].Spec.Total.Query is { } total)
            {
                parts.Add(new Part($"b{i}t", total));
            }

            for (var c = 0; c < budgets[i].Spec.Components.Count; c++)
            {
                parts.Add(new Part($"b{i}c{c}", budgets[i].Spec.Components[c].UsageQuery));
            }
        }

        for (var i = 0; i < baselines.Count; i++)
        {
            parts.Add(new Part($"s{i}p", baselines[i].Spec.LatencyP95Query));
            parts.Add(new Part($"s{i}r", baselines[i].Spec.ThroughputQuery));
        }

        return parts;
    }

    private static string Tagged(Part part) => $"label_replace(({part.Query}), \"{Tag}\", \"{part.Key}\", \"\", \"\")";

    private async Task<Answers> BatchAsync(List<Part> parts, RangePlan plan, CancellationToken ct)
    {
        var answers = new Answers();
        foreach (var chunk in parts.Chunk(Math.Max(1, options.Value.QueriesPerRequest)))
        {
            await ChunkAsync([.. chunk], plan, answers, ct);
        }

        return answers;
    }

    private async Task ChunkAsync(List<Part> parts, RangePlan plan, Answers answers, CancellationToken ct)
    {
        var batch = new Answers();
        try
        {
            var result = await prometheus.QueryRangeAsync(string.Join("\nor\n", parts.Select(Tagged)), plan, parts.Count * MaxSeriesPerQuery, ct);
            foreach (var series in result.Series)
            {
                if (series.Labels.TryGetValue(Tag, out var key))
                {
                    batch.Add(key, series);
                }
            }

            if (result.CutSeries > 0)
            {
                // Some query answers very many series; asking each alone below finds which.
                throw new PrometheusException(PrometheusErrorKind.TooLarge, "too many series in the batch");
            }

            answers.AddAll(batch);
            return;
        }
        catch (PrometheusException e) when (e.Kind is PrometheusErrorKind.BadData or PrometheusErrorKind.Execution or PrometheusErrorKind.TooLarge)
        {
            logger.LogInformation("The batched capacity query failed ({Message}); asking each query alone.", e.Message);
        }

        foreach (var part in parts)
        {
            try
            {
                var alone = await prometheus.QueryRangeAsync(Tagged(part), plan, MaxSeriesPerQuery, ct);
                foreach (var series in alone.Series)
                {
                    answers.Add(part.Key, series);
                }

                if (alone.CutSeries > 0)
                {
                    answers.Fail(part.Key, $"The query answered more than {MaxSeriesPerQuery} series; it must answer one (wrap it in sum() or max()).");
                }
            }
            catch (PrometheusException e) when (e.Kind is PrometheusErrorKind.BadData or PrometheusErrorKind.Execution or PrometheusErrorKind.TooLarge)
            {
                answers.Fail(part.Key, $"Prometheus refused the query: {e.Message}");
            }
        }
    }

    private static CapacityCard Card(CapacityModelRow model, int index, Answers answers, DateTimeOffset now)
    {
        var spec = model.Spec;
        var (usage, usageProblem) = answers.One($"m{index}u", "usage");
        IReadOnlyList<Sample> limitSamples = [];
        double? limit = spec.Limit.Value;
        string? limitProblem = null;
        if (spec.Limit.Query is not null)
        {
            (limitSamples, limitProblem) = answers.One($"m{index}l", "limit");
            limit = CapacityAssessor.Latest(limitSamples);
        }

        var assessment = CapacityAssessor.Assess(spec, usage, limit, now, usageProblem ?? limitProblem);
        return new CapacityCard(model, assessment, usage, limitSamples);
    }

    private static MemoryBudgetView Budget(MemoryBudgetSpec spec, int index, Answers answers)
    {
        var total = spec.Total.Value is { } fixedTotal ? Measured.Of(fixedTotal) : answers.Last($"b{index}t");
        var components = spec.Components.Select((_, c) => answers.Last($"b{index}c{c}")).ToList();
        return CapacityJudging.Budget(spec, total, components);
    }

    /// <summary>The series of the batch by key, and the problems found per key.</summary>
    private sealed class Answers
    {
        private readonly Dictionary<string, List<RangeSeries>> _series = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _problems = new(StringComparer.Ordinal);

        public static Answers AllFailed(IEnumerable<Part> parts, string problem)
        {
            var answers = new Answers();
            foreach (var part in parts)
            {
                answers.Fail(part.Key, problem);
            }

            return answers;
        }

        public void Add(string key, RangeSeries series)
        {
            if (!_series.TryGetValue(key, out var list))
            {
                _series[key] = list = [];
            }

            list.Add(series);
        }

        public void Fail(string key, string problem) => _problems[key] = problem;

        public void AddAll(Answers other)
        {
            foreach (var (key, list) in other._series)
            {
                foreach (var series in list)
                {
                    Add(key, series);
                }
            }

            foreach (var (key, problem) in other._problems)
            {
                Fail(key, problem);
            }
        }

        /// <summary>The most samples any series of the batch has.</summary>
        public int MostSamples => _series.Values.SelectMany(list => list).Select(series => series.Samples.Count).DefaultIfEmpty(0).Max();

        /// <summary>The samples of the key's single series; a problem when it failed or answered several.</summary>
        public (IReadOnlyList<Sample> Samples, string? Problem) One(string key, string what)
        {
            var label = what.Length == 0 ? "The query" : $"The {what} query";
            if (_problems.TryGetValue(key, out var problem))
            {
                return ([], $"{label} failed: {problem}");
            }

            var list = _series.GetValueOrDefault(key);
            if (list is { Count: > 1 })
            {
                return ([], $"{label} answered {list.Count.ToString(CultureInfo.InvariantCulture)} series; it must answer one (wrap it in sum() or max()).");
            }

            return list is [var single]
                ? (single.Samples.Select(s => new Sample(s.At.ToUnixTimeMilliseconds(), s.Value)).ToList(), null)
                : ([], null);
        }

        /// <summary>The latest value of the key's single series, or why there is none.</summary>
        public Measured Last(string key)
        {
            var (samples, problem) = One(key, "");
            return problem is not null ? Measured.Failed(problem)
                : CapacityAssessor.Latest(samples) is { } value ? Measured.Of(value)
                : new Measured(null);
        }
    }
}
