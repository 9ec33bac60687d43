using System.Globalization;
using System.Net;
using System.Text.Json;
using global::Prometheus;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Metrics;

namespace Portal.Infrastructure.Prometheus;

internal sealed partial class PrometheusClient(HttpClient http, IOptions<PrometheusOptions>? options = null) : IPrometheus
{
    public Uri BaseAddress => http.BaseAddress!;

    private RangeReadLimits RangeLimits => RangeReadLimits.From(options?.Value ?? new PrometheusOptions());

    public async Task<PrometheusBuildInfo> BuildInfoAsync(CancellationToken ct)
    {
        using var doc = await GetAsync("status/buildinfo", "api/v1/status/buildinfo", ct);
        var data = doc.RootElement.GetProperty("data");
        return new PrometheusBuildInfo(
            data.GetProperty("version").GetString() ?? "unknown",
            data.TryGetProperty("revision", out var rev) ? rev.GetString() ?? "" : "");
    }

    public async Task<IReadOnlyList<InstantSample>> QueryAsync(string query, DateTimeOffset? at, CancellationToken ct)
    {
        var form = new Dictionary<string, string> { ["query"] = query };
        if (at is { } time)
        {
            form["time"] = (time.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture);
        }

        using var doc = await SendAsync("query", () => new HttpRequestMessage(HttpMethod.Post, "api/v1/query")
        {
            Content = new FormUrlEncodedContent(form),
        }, ct);
        var data = doc.RootElement.GetProperty("data");
        var resultType = data.GetProperty("resultType").GetString();
        var result = data.GetProperty("result");
        return resultType switch
        {
            "vector" => result.EnumerateArray().Select(ReadVectorSample).ToList(),
            "scalar" => [ReadPoint(new Dictionary<string, string>(), result)],
            _ => throw new PrometheusException(PrometheusErrorKind.Execution, $"Expected an instant vector, Prometheus returned a {resultType}."),
        };
    }

    public async Task<IReadOnlyDictionary<string, string>> MetricTypesAsync(CancellationToken ct)
    {
        using var doc = await GetAsync("metadata", "api/v1/metadata", ct);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var metric in doc.RootElement.GetProperty("data").EnumerateObject())
        {
            // Targets may disagree about a metric; the first declaration wins, as in Prometheus' UI.
            var first = metric.Value.EnumerateArray().FirstOrDefault();
            if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("type", out var type))
            {
                types[metric.Name] = type.GetString() ?? "unknown";
            }
        }

        return types;
    }

    private static InstantSample ReadVectorSample(JsonElement item)
    {
        var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        return ReadPoint(labels, item.GetProperty("value"));
    }

    private static InstantSample ReadPoint(IReadOnlyDictionary<string, string> labels, JsonElement point)
    {
        var seconds = point[0].GetDouble();
        var value = ParseValue(point[1].GetString());
        return new InstantSample(labels, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)), value);
    }

    /// <summary>Prometheus sends sample values as strings so that NaN and ±Inf survive JSON.</summary>
    internal static double ParseValue(string? text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        null => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private Task<JsonDocument> GetAsync(string endpoint, string path, CancellationToken ct) =>
        SendAsync(endpoint, () => new HttpRequestMessage(HttpMethod.Get, path), ct);

    private async Task<JsonDocument> SendAsync(string endpoint, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        var (body, status) = await ReceiveAsync(endpoint, request, ct);
        return Checked(body, status);
    }

    /// <summary>The whole answer's bytes; the timer covers Prometheus and the transfer, not the portal's parsing.</summary>
    private Task<(byte[] Body, HttpStatusCode Status)> ReceiveAsync(string endpoint, Func<HttpRequestMessage> request, CancellationToken ct) =>
        ExchangeAsync(endpoint, request, async response => (await response.Content.ReadAsByteArrayAsync(ct), response.StatusCode), ct);

    /// <summary>
    /// Sends the request and lets <paramref name="read"/> consume the answer while it streams; failures of
    /// either are said as the kinds the pages explain, and leaving early (an exception) drops the connection.
    /// </summary>
    private async Task<T> ExchangeAsync<T>(string endpoint, Func<HttpRequestMessage> request, Func<HttpResponseMessage, Task<T>> read, CancellationToken ct)
    {
        using var timer = PortalMetrics.PrometheusQueryDuration.WithLabels(endpoint).NewTimer();
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
            return await read(response);
        }
        catch (HttpRequestException e)
        {
            throw new PrometheusException(PrometheusErrorKind.Unavailable, $"Prometheus at {BaseAddress} is unreachable: {e.Message}", e);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException e)
        {
            throw new PrometheusException(PrometheusErrorKind.Unavailable, $"Prometheus at {BaseAddress} failed repeatedly; the portal waits a moment before asking again.", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PrometheusException(PrometheusErrorKind.Timeout, $"Prometheus at {BaseAddress} did not answer in time.", e);
        }
        catch (Exception e) when (e is TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new PrometheusException(PrometheusErrorKind.Timeout, $"Prometheus at {BaseAddress} did not answer in time.", e);
        }
    }

    /// <summary>The answer as a document when Prometheus reports success; otherwise its error, as the kind the pages explain.</summary>
    private JsonDocument Checked(byte[] body, HttpStatusCode statusCode)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new PrometheusException(PrometheusErrorKind.Unavailable,
                $"{BaseAddress} answered HTTP {(int)statusCode} without Prometheus' JSON; is it a Prometheus server?", e);
        }

        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var status) && status.GetString() == "success")
        {
            return doc;
        }

        var errorType = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var m) ? m.GetString() : null;
        doc.Dispose();
        var kind = errorType switch
        {
            "bad_data" => PrometheusErrorKind.BadData,
            "timeout" or "canceled" => PrometheusErrorKind.Timeout,
            _ when statusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway => PrometheusErrorKind.Unavailable,
            _ => PrometheusErrorKind.Execution,
        };
        throw new PrometheusException(kind, error ?? $"Prometheus answered HTTP {(int)statusCode}.");
    }
}
