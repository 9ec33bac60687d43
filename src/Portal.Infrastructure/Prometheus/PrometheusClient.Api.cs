using System.Globalization;
using System.Text.Json;
using Portal.Domain.Queries;

namespace Portal.Infrastructure.Prometheus;

internal sealed partial class PrometheusClient
{
    public async Task<RangeResult> QueryRangeAsync(string query, RangePlan plan, int maxSeries, CancellationToken ct)
    {
        var form = new Dictionary<string, string>
        {
            ["query"] = query,
            ["start"] = Seconds(plan.Start),
            ["end"] = Seconds(plan.End),
            ["step"] = plan.Step.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        };
        var limits = RangeLimits;
        return await ExchangeAsync("query_range", () => new HttpRequestMessage(HttpMethod.Post, "api/v1/query_range")
        {
            Content = new FormUrlEncodedContent(form),
        }, async response =>
        {
            if (!response.IsSuccessStatusCode)
            {
                // Prometheus' error answers are a few hundred bytes; the document path says what went wrong.
                using var error = Checked(await response.Content.ReadAsByteArrayAsync(ct), response.StatusCode);
                throw new PrometheusException(PrometheusErrorKind.Execution, $"Prometheus answered query_range with HTTP {(int)response.StatusCode}.");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            try
            {
                return await ReadRangeAsync(stream, maxSeries, limits, ct)
                    ?? throw new PrometheusException(PrometheusErrorKind.Execution, $"{BaseAddress} answered query_range without success.");
            }
            catch (JsonException e)
            {
                throw new PrometheusException(PrometheusErrorKind.Unavailable,
                    $"{BaseAddress} answered query_range in a shape that is not Prometheus' matrix ({e.Message}); is it a Prometheus server?", e);
            }
        }, ct);
    }

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(IReadOnlyList<string> match, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var form = match.Select(m => new KeyValuePair<string, string>("match[]", m))
            .Append(new("start", Seconds(start))).Append(new("end", Seconds(end))).ToList();
        using var doc = await SendAsync("series", () => new HttpRequestMessage(HttpMethod.Post, "api/v1/series") { Content = new FormUrlEncodedContent(form) }, ct);
        return doc.RootElement.GetProperty("data").EnumerateArray().Select(s => (IReadOnlyDictionary<string, string>)Labels(s)).ToList();
    }

    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, CancellationToken ct)
    {
        using var doc = await GetAsync("label_values", $"api/v1/label/{Uri.EscapeDataString(label)}/values", ct);
        return doc.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString() ?? "").ToList();
    }

    public async Task<IReadOnlyList<LoadedRuleGroup>> RulesAsync(CancellationToken ct)
    {
        var settings = options?.Value ?? new PrometheusOptions();
        using var doc = await GetBoundedAsync("rules", "api/v1/rules", settings.MaxRulesBytes, ct);
        return doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray().Select(g => new LoadedRuleGroup(
                g.GetProperty("name").GetString() ?? "",
                g.GetProperty("file").GetString() ?? "",
                g.TryGetProperty("interval", out var interval) ? interval.GetDouble() : 0,
                g.GetProperty("rules").EnumerateArray().Select(r => ReadLoadedRule(r, settings.MaxAlertsPerRule)).ToList())
            {
                EvaluationSeconds = g.TryGetProperty("evaluationTime", out var took) && took.ValueKind == JsonValueKind.Number ? took.GetDouble() : null,
                LastEvaluation = Evaluated(g),
            })
            .ToList();
    }

    private static LoadedRule ReadLoadedRule(JsonElement r, int maxAlerts)
    {
        var alerts = new List<ActiveAlert>();
        var count = 0;
        if (r.TryGetProperty("alerts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var alert in list.EnumerateArray())
            {
                if (count++ < maxAlerts)
                {
                    alerts.Add(ReadAlert(alert));
                }
            }
        }

        return new LoadedRule(
            r.GetProperty("name").GetString() ?? "",
            r.GetProperty("query").GetString() ?? "",
            r.GetProperty("type").GetString() ?? "",
            r.TryGetProperty("health", out var health) ? health.GetString() ?? "" : "",
            r.TryGetProperty("lastError", out var error) && error.GetString() is { Length: > 0 } text ? text : null,
            r.TryGetProperty("duration", out var duration) && duration.ValueKind == JsonValueKind.Number ? duration.GetDouble() : null)
        {
            State = r.TryGetProperty("state", out var state) ? state.GetString() ?? "" : "",
            LastEvaluation = Evaluated(r),
            EvaluationSeconds = r.TryGetProperty("evaluationTime", out var took) && took.ValueKind == JsonValueKind.Number ? took.GetDouble() : null,
            Alerts = alerts,
            AlertCount = count,
        };
    }

    /// <summary>Prometheus reports a rule or group it has not evaluated yet as evaluated at year 1: that is null here.</summary>
    private static DateTimeOffset? Evaluated(JsonElement element) =>
        element.TryGetProperty("lastEvaluation", out var last) && last.ValueKind == JsonValueKind.String && last.GetString() is { } at
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) && when.Year > 1970 ? when : null;

    private static ActiveAlert ReadAlert(JsonElement a) => new(
        Labels(a.GetProperty("labels")),
        a.TryGetProperty("annotations", out var annotations) ? Labels(annotations) : new Dictionary<string, string>(),
        a.GetProperty("state").GetString() ?? "",
        a.TryGetProperty("activeAt", out var at) && at.GetString() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null,
        a.TryGetProperty("value", out var value) ? value.GetString() ?? "" : "");

    /// <summary>A GET whose answer is read only up to <paramref name="maxBytes"/>: past that it is refused as too large, not buffered.</summary>
    private async Task<JsonDocument> GetBoundedAsync(string endpoint, string path, int maxBytes, CancellationToken ct)
    {
        var (body, status) = await ExchangeAsync(endpoint, () => new HttpRequestMessage(HttpMethod.Get, path), async response =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new PrometheusException(PrometheusErrorKind.TooLarge,
                        $"{BaseAddress} answered {endpoint} with more than {maxBytes / (1024 * 1024)} MiB; the portal stopped reading (Prometheus:MaxRulesBytes).");
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), response.StatusCode);
        }, ct);
        return Checked(body, status);
    }

    public async Task<IReadOnlyList<ActiveAlert>> AlertsAsync(CancellationToken ct)
    {
        using var doc = await GetAsync("alerts", "api/v1/alerts", ct);
        return doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(ReadAlert).ToList();
    }

    public async Task<IReadOnlyList<ScrapeTarget>> TargetsAsync(CancellationToken ct)
    {
        using var doc = await GetAsync("targets", "api/v1/targets?state=active", ct);
        return doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(t =>
            {
                var labels = Labels(t.GetProperty("labels"));
                var lastError = t.GetProperty("lastError").GetString();
                return new ScrapeTarget(labels.GetValueOrDefault("job", ""), labels.GetValueOrDefault("instance", ""),
                    t.GetProperty("health").GetString() ?? "", string.IsNullOrEmpty(lastError) ? null : lastError,
                    // Like rules, a target not scraped yet reports year 1.
                    t.TryGetProperty("lastScrape", out var scrape) && scrape.GetString() is { } at
                        && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) && when.Year > 1970 ? when : null)
                {
                    ScrapePool = t.TryGetProperty("scrapePool", out var pool) ? pool.GetString() ?? "" : "",
                    LastScrapeSeconds = t.TryGetProperty("lastScrapeDuration", out var took) && took.ValueKind == JsonValueKind.Number ? took.GetDouble() : null,
                };
            })
            .ToList();
    }

    public async Task<RuntimeInfo> RuntimeInfoAsync(CancellationToken ct)
    {
        using var doc = await GetAsync("runtimeinfo", "api/v1/status/runtimeinfo", ct);
        var data = doc.RootElement.GetProperty("data");
        return new RuntimeInfo(
            data.GetProperty("reloadConfigSuccess").GetBoolean(),
            DateTimeOffset.Parse(data.GetProperty("lastConfigTime").GetString()!, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(data.GetProperty("startTime").GetString()!, CultureInfo.InvariantCulture));
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        using var timer = global::Prometheus.TimerExtensions.NewTimer(Metrics.PortalMetrics.PrometheusQueryDuration.WithLabels("reload"));
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync("-/reload", null, ct);
        }
        catch (HttpRequestException e)
        {
            throw new PrometheusException(PrometheusErrorKind.Unavailable, $"Prometheus at {BaseAddress} is unreachable: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                // 403: the lifecycle API is off, so this server cannot be asked; to the caller that is "unavailable", not "refused".
                throw new PrometheusException((int)response.StatusCode == 403 ? PrometheusErrorKind.Unavailable : PrometheusErrorKind.Execution,
                    $"Prometheus at {BaseAddress} refused the reload (HTTP {(int)response.StatusCode}): {body.Trim()}" +
                    ((int)response.StatusCode == 403 ? " — is it started with --web.enable-lifecycle?" : ""));
            }
        }
    }

    private static Dictionary<string, string> Labels(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);

    private static string Seconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset FromSeconds(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
}
