using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Caching;
using StackExchange.Redis;

namespace Portal.Benchmarks.Tuning;

/// <summary>
/// Issue 5: POST /api/v1/backtest against a raw query_range of the same query, range and step, with the
/// query cache cold (its Redis entries deleted, untimed, just before the call) and warm. A plain timed
/// loop rather than BenchmarkDotNet: the calls are interleaved, so load from elsewhere on the machine
/// falls on all of them alike, and a cold call needs the cache emptied between calls. Both sides are timed from
/// sending the request to having parsed the whole JSON answer; a fourth call, the raw query with its
/// body read but not parsed, shows how much of the baseline is Prometheus itself.
/// </summary>
internal static class BacktestApiVsRaw
{
    public const string Command = "api-vs-raw";

    private enum Call { Raw, RawBodyOnly, ApiUncached, ApiCached }

    private sealed record Options(Uri Portal, string Expr, string Range, int Warmup, int Iterations);

    private sealed record Counters(double Hits, double Misses, double Upstream)
    {
        public static Counters operator +(Counters a, Counters b) => new(a.Hits + b.Hits, a.Misses + b.Misses, a.Upstream + b.Upstream);

        public static Counters operator -(Counters a, Counters b) => new(a.Hits - b.Hits, a.Misses - b.Misses, a.Upstream - b.Upstream);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ParseOptions(args);
        var prometheus = new Uri(Env("Prometheus__Url"));
        var interval = TimeSpan.Parse(Environment.GetEnvironmentVariable("Prometheus__EvaluationInterval") ?? "00:00:05", CultureInfo.InvariantCulture);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Env("Portal__BootstrapApiToken"));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Env("Redis__Configuration"));
        var flush = async () => await redis.GetDatabase().KeyDeleteAsync(
            await redis.GetServers()[0].KeysAsync(pattern: ChunkFormat.KeyPrefix + "*").ToArrayAsync());

        // End on the last step of the newest chunk that is already settled, so that every chunk is cacheable.
        var now = DateTimeOffset.UtcNow;
        var range = PromDuration.Parse(options.Range).ToTimeSpan();
        var step = RangePlan.Choose(now - range, now, interval).Plan!.Step;
        var chunk = step * RangeChunks.StepsPerChunk;
        var settled = now - QueryCache.Unsettled - TimeSpan.FromMinutes(1);
        var end = new DateTimeOffset(settled.UtcTicks - settled.UtcTicks % chunk.Ticks, TimeSpan.Zero) - step;
        var body = JsonSerializer.Serialize(new { expr = options.Expr, range = options.Range, end, interval = PromDuration.FromTimeSpan(interval).ToString() });

        await flush();
        using var first = await PostBacktestAsync(http, options.Portal, body);
        var plan = first.RootElement.GetProperty("plan");
        var query = first.RootElement.GetProperty("target").GetProperty("query").GetString()!;
        var apiSeries = first.RootElement.GetProperty("series").GetArrayLength();
        var rawUrl = new Uri(prometheus, "api/v1/query_range?query=" + Uri.EscapeDataString(query)
            + "&start=" + Seconds(plan.GetProperty("start").GetDateTimeOffset()) + "&end=" + Seconds(plan.GetProperty("end").GetDateTimeOffset())
            + "&step=" + plan.GetProperty("step").GetString());
        var (rawSeries, rawPoints) = await QueryRangeAsync(http, rawUrl);
        if (rawSeries != apiSeries)
        {
            throw new InvalidOperationException($"query_range returned {rawSeries} series, the API backtested {apiSeries}: not the same work");
        }

        Console.WriteLine($"query {query}, {options.Range} ending {end:u}, step {plan.GetProperty("step").GetString()}: "
            + $"{rawSeries} series, {rawPoints:N0} points; {options.Warmup} warm-up + {options.Iterations} measured rounds");
        Console.WriteLine($"raw: GET {rawUrl}");

        Call[] order = [Call.Raw, Call.RawBodyOnly, Call.ApiUncached, Call.ApiCached];
        var times = order.ToDictionary(c => c, _ => new List<double>());
        var counted = order.ToDictionary(c => c, _ => new Counters(0, 0, 0));
        for (var round = 0; round < options.Warmup + options.Iterations; round++)
        {
            // Rotated each round; a cached call always comes after an uncached one has filled the cache.
            foreach (var call in order.Skip(round % order.Length).Concat(order.Take(round % order.Length)))
            {
                if (call == Call.ApiUncached)
                {
                    await flush();
                }

                var before = await CountersAsync(http, options.Portal);
                var watch = Stopwatch.StartNew();
                switch (call)
                {
                    case Call.Raw:
                        await QueryRangeAsync(http, rawUrl);
                        break;
                    case Call.RawBodyOnly:
                        await http.GetByteArrayAsync(rawUrl);
                        break;
                    default:
                        (await PostBacktestAsync(http, options.Portal, body)).Dispose();
                        break;
                }

                var elapsed = watch.Elapsed.TotalMilliseconds;
                if (round >= options.Warmup)
                {
                    times[call].Add(elapsed);
                    counted[call] += await CountersAsync(http, options.Portal) - before;
                }
            }
        }

        PrintTable(times, counted, options.Iterations);
        return 0;
    }

    private static void PrintTable(Dictionary<Call, List<double>> times, Dictionary<Call, Counters> counted, int iterations)
    {
        var raw = Median(times[Call.Raw]);
        var table = new StringBuilder("\n| call | median | p90 | median ÷ raw median | per call: upstream query_range, cache hits, misses |\n|---|---|---|---|---|\n");
        var names = new Dictionary<Call, string>
        {
            [Call.Raw] = "raw query_range (parsed)",
            [Call.RawBodyOnly] = "raw query_range, body read only",
            [Call.ApiUncached] = "API, uncached",
            [Call.ApiCached] = "API, cached",
        };
        foreach (var (call, name) in names)
        {
            var c = counted[call];
            table.Append(CultureInfo.InvariantCulture, $"| {name} | {Median(times[call]):F1} ms | {P90(times[call]):F1} ms | {Median(times[call]) / raw:F2}× | ")
                .Append(call is Call.Raw or Call.RawBodyOnly ? "1, —, — |\n" : $"{c.Upstream / iterations:0.#}, {c.Hits / iterations:0.#}, {c.Misses / iterations:0.#} |\n");
        }

        var uncached = Median(times[Call.ApiUncached]) / raw;
        var cached = Median(times[Call.ApiCached]) / raw;
        table.Append(CultureInfo.InvariantCulture, $"\nuncached {uncached:F2}× (issue 19's goal ≤ 1.05×: {(uncached <= 1.05 ? "met" : "missed")}), ")
            .Append(CultureInfo.InvariantCulture, $"cached {cached:F2}× (issue 19's goal ≤ 0.1×: {(cached <= 0.1 ? "met" : "missed")})");

        // The calls of one round ran seconds apart, under much the same load from the rest of the machine.
        double Paired(Call call) => Median(times[call].Zip(times[Call.Raw], (api, baseline) => api / baseline).ToList());
        table.Append(CultureInfo.InvariantCulture, $"\nmedian of per-round ratios: uncached {Paired(Call.ApiUncached):F2}×, cached {Paired(Call.ApiCached):F2}×");
        Console.WriteLine(table);
    }

    private static async Task<JsonDocument> PostBacktestAsync(HttpClient http, Uri portal, string body)
    {
        using var response = await http.PostAsync(new Uri(portal, "/api/v1/backtest"), new StringContent(body, Encoding.UTF8, "application/json"));
        await using var stream = await response.Content.ReadAsStreamAsync();
        var doc = await JsonDocument.ParseAsync(stream);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the backtest API answered {(int)response.StatusCode}: {doc.RootElement}");
        }

        return doc;
    }

    /// <summary>Parses the answer as the portal's client does: every value to a double.</summary>
    private static async Task<(int Series, int Points)> QueryRangeAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var doc = await JsonDocument.ParseAsync(stream);
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        var points = 0;
        foreach (var series in result.EnumerateArray())
        {
            foreach (var point in series.GetProperty("values").EnumerateArray())
            {
                _ = point[0].GetDouble() + double.Parse(point[1].GetString()!, CultureInfo.InvariantCulture);
                points++;
            }
        }

        return (result.GetArrayLength(), points);
    }

    /// <summary>The portal's own counters: cache lookups and the query_range requests it sent to Prometheus.</summary>
    private static async Task<Counters> CountersAsync(HttpClient http, Uri portal)
    {
        var lines = (await http.GetStringAsync(new Uri(portal, "/metrics"))).Split('\n');
        double Value(string series) => lines.Where(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(series.Length + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();
        return new(Value("cache_requests_total{result=\"hit\"}"), Value("cache_requests_total{result=\"miss\"}"),
            Value("prometheus_query_duration_seconds_count{endpoint=\"query_range\"}"));
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double P90(List<double> values) => Percentile(values, 0.9);

    // Nearest rank: a value that was measured, never an interpolation between two.
    private static double Percentile(List<double> values, double p) =>
        values.Order().ElementAt((int)Math.Ceiling(p * values.Count) - 1);

    private static string Seconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture);

    private static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set: source .stack/env first");

    private static Options ParseOptions(string[] args)
    {
        var values = new Dictionary<string, string>
        {
            ["--portal"] = Environment.GetEnvironmentVariable("PORTAL_URL") ?? "http://127.0.0.1:5080",
            ["--expr"] = "rate(node_cpu_seconds_total[1m]) > 0.5",
            ["--range"] = "3h",
            // Fewer rounds leave the harness' own JSON parsing half-jitted, which flatters the portal.
            ["--warmup"] = "20",
            ["--iterations"] = "30",
        };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || i + 1 == args.Length)
            {
                throw new ArgumentException($"{args[i]} is not an option with a value; known: {string.Join(", ", values.Keys)}");
            }

            values[args[i]] = args[i + 1];
        }

        return new Options(new Uri(values["--portal"]), values["--expr"], values["--range"],
            int.Parse(values["--warmup"], CultureInfo.InvariantCulture), int.Parse(values["--iterations"], CultureInfo.InvariantCulture));
    }
}
