using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Lint;

internal sealed partial class LiveLinter(
    IPrometheus prometheus,
    PrometheusMetadataProxy metadata,
    LiveLintCache cache,
    LiveRuleErrors ruleErrors,
    IOptions<LiveLintOptions> options,
    TimeProvider clock) : ILiveLinter
{
    private LiveLintOptions Options => options.Value;

    public async Task<IReadOnlyList<LintFinding>> LintAsync(string expression, LiveRuleRef? rule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (PromQlParser.Parse(expression).Expr is not { } root)
        {
            // Offline lint already reports the parse error; Prometheus would only repeat it.
            return [];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.Timeout);
        var findings = new List<LintFinding>();
        try
        {
            findings.AddRange(await SelectorsAndCostAsync(expression, root, timeout.Token));
        }
        catch (Exception e) when (Skippable(e, ct))
        {
            return [LiveLint.SkippedBecause(Reason(e))];
        }

        if (rule is not null)
        {
            try
            {
                findings.AddRange(await ruleErrors.FindAsync(rule, timeout.Token));
            }
            catch (Exception e) when (Skippable(e, ct))
            {
                findings.Add(LiveLint.SkippedBecause("the publish targets' evaluation errors: " + Reason(e)));
            }
        }

        return findings;
    }

    public async Task<IReadOnlyList<RuleLiveFindings>> LintNamespaceAsync(string @namespace, IReadOnlyList<(string Group, string Name, string Expression)> rules, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var results = new RuleLiveFindings[rules.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, Options.Parallelism));
        await Task.WhenAll(rules.Select(async (rule, i) =>
        {
            await gate.WaitAsync(ct);
            try
            {
                results[i] = new RuleLiveFindings(rule.Group, rule.Name, await LintAsync(rule.Expression, new LiveRuleRef(@namespace, rule.Group, rule.Name), ct));
            }
            finally
            {
                gate.Release();
            }
        }));
        return results;
    }

    private async Task<IReadOnlyList<LintFinding>> SelectorsAndCostAsync(string expression, Expr root, CancellationToken ct)
    {
        var limits = Options.Limits;
        var selectors = LiveLint.Selectors(root, limits.MaxSelectors, out var more);
        var end = clock.GetUtcNow();
        var start = end - limits.Lookback;

        // The selectors' questions and the cost query go out together; the catalog of names only when a metric is missing.
        var cost = root.Type is PromQlType.Vector ? MeasureAsync(expression, ct) : Task.FromResult<LintFinding?>(null);
        var judged = await Task.WhenAll(selectors.Select(s => JudgeAsync(expression, s, start, end, limits, ct)));
        var findings = judged.SelectMany(f => f).ToList();
        if (more > 0)
        {
            findings.Add(LiveLint.SelectorsLeftOut(more, selectors.Count));
        }

        if (await cost is { } measured)
        {
            findings.Add(measured);
        }

        return findings;
    }

    private async Task<IReadOnlyList<LintFinding>> JudgeAsync(string expression, LiveSelector selector, DateTimeOffset start, DateTimeOffset end, LiveLintLimits limits, CancellationToken ct)
    {
        if (selector.Metric is not { } metric)
        {
            return [];
        }

        var match = $"{{__name__=\"{metric}\"}}";
        var labels = await CachedAsync($"labels\n{metric}", t => ListAsync("api/v1/labels", match, start, end, t), ct);
        if (labels.Count == 0)
        {
            // No series in the lookback: the names that exist are needed for suggestions only now.
            var names = await CachedAsync("names", t => ListAsync("api/v1/label/__name__/values", null, start, end, t), ct);
            return LiveLint.Judge(expression, selector, names, null, limits);
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var matcher in LiveLint.ValueLookups(selector, limits).Where(m => labels.Contains(m.Name)))
        {
            values[matcher.Name] = [.. await CachedAsync($"values\n{metric}\n{matcher.Name}",
                t => ListAsync($"api/v1/label/{matcher.Name}/values", match, start, end, t), ct)];
        }

        return LiveLint.Judge(expression, selector, new HashSet<string>([metric], StringComparer.Ordinal), new MetricFacts(metric, labels, values), limits);
    }

    private async Task<LintFinding?> MeasureAsync(string expression, CancellationToken ct)
    {
        // count() keeps the answer one number long however many series the expression returns.
        var watch = Stopwatch.StartNew();
        IReadOnlyList<InstantSample> samples;
        try
        {
            samples = await prometheus.QueryAsync($"count(\n{expression}\n)", null, ct);
        }
        catch (PrometheusException e) when (e.Kind is PrometheusErrorKind.Execution or PrometheusErrorKind.BadData)
        {
            // Prometheus answered: the expression itself fails on today's data. That is a finding, not a skip.
            return LiveLint.QueryError(e.Message);
        }

        watch.Stop();
        var series = samples.Count == 0 ? 0 : (int)Math.Min(int.MaxValue, samples[0].Value);
        return LiveLint.Evaluation(series, watch.Elapsed, Options.Limits);
    }

    private async Task<HashSet<string>> CachedAsync(string key, Func<CancellationToken, Task<HashSet<string>>> fetch, CancellationToken ct)
    {
        // Shared answers get their own deadline: one caller giving up (the editor cancels on every key) must not fail the others.
        return await cache.GetAsync(key, Options.CacheFor, async () =>
        {
            using var own = new CancellationTokenSource(Options.Timeout);
            return await fetch(own.Token);
        }).WaitAsync(ct);
    }

    /// <summary>A metadata endpoint's list of strings, through the proxy's byte limit.</summary>
    private async Task<HashSet<string>> ListAsync(string path, string? match, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("start", Seconds(start)),
            new("end", Seconds(end)),
        };
        if (match is not null)
        {
            parameters.Add(new("match[]", match));
        }

        var answer = await metadata.ForwardAsync(path, post: false, parameters, ct);
        if (answer.Refused is { } refused)
        {
            throw new PrometheusException(PrometheusErrorKind.TooLarge, refused.Detail);
        }

        if (answer.Status != 200)
        {
            throw new PrometheusException(PrometheusErrorKind.Unavailable, $"Prometheus at {prometheus.BaseAddress} answered {path} with HTTP {answer.Status}{ErrorOf(answer.Body)}.");
        }

        using var doc = JsonDocument.Parse(answer.Body);
        return doc.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString() ?? "").ToHashSet(StringComparer.Ordinal);
    }

    private static string ErrorOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("error", out var error) ? ": " + error.GetString() : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static bool Skippable(Exception e, CancellationToken caller) => e switch
    {
        OperationCanceledException => !caller.IsCancellationRequested,
        PrometheusException or HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException => true,
        _ => false,
    };

    private string Reason(Exception e) => e is OperationCanceledException
        ? $"Prometheus at {prometheus.BaseAddress} did not answer within {Options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s."
        : e.Message;

    private static string Seconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture);
}
