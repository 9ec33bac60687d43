using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Prometheus;

/// <summary>
/// Forwards the browser's PromQL autocompletion requests to Prometheus. Only the read-only
/// metadata endpoints pass, so the page can never run queries or reload the server through it.
/// Every answer is bounded: Prometheus is asked for at most <see cref="PrometheusOptions.MetadataLimit"/>
/// entries, and since 2.42 ignores <c>limit</c> on series, labels and values, reading stops after
/// <see cref="PrometheusOptions.MaxMetadataBytes"/> and the caller is told to narrow the request.
/// </summary>
public sealed partial class PrometheusMetadataProxy(IHttpClientFactory clients, IOptions<PrometheusOptions> options)
{
    public const string ClientName = "prometheus-metadata";
    public const int MaxMatchers = 20;
    public const int MaxMatcherLength = 4096;

    // 0001-01-01 and 9999-12-31 in Unix seconds: the dates .NET and RFC 3339 can spell.
    private const double EarliestSeconds = -62_135_596_800;
    private const double LatestSeconds = 253_402_300_799;

    [GeneratedRegex(@"^api/v1/(labels|series|metadata|label/[a-zA-Z_][a-zA-Z0-9_]*/values)$")]
    private static partial Regex AllowedPath();

    public static bool IsAllowed(string path) => AllowedPath().IsMatch(path);

    /// <summary>What went wrong with a request the proxy would not forward, or an answer it would not pass on.</summary>
    public sealed record Refusal(int Status, string Field, string Detail);

    /// <summary>The answer to pass on, or the refusal; <paramref name="parameters"/> are the query string and form fields together.</summary>
    public sealed record Forwarded(int Status, string ContentType, ReadOnlyMemory<byte> Body, Refusal? Refused);

    /// <summary>Checks <c>match[]</c>, <c>start</c>, <c>end</c> and <c>limit</c>; null when they are sane.</summary>
    public static Refusal? Check(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var matchers = parameters.Where(p => p.Key == "match[]").Select(p => p.Value).ToList();
        if (matchers.Count > MaxMatchers)
        {
            return new Refusal(400, "match[]", $"{matchers.Count} match[] selectors were sent; at most {MaxMatchers} are accepted.");
        }

        if (matchers.FirstOrDefault(m => m.Length > MaxMatcherLength || m.Contains('\0')) is { } bad)
        {
            return new Refusal(400, "match[]", bad.Contains('\0')
                ? "A match[] selector contains a NUL character."
                : $"A match[] selector is {bad.Length:N0} characters long; at most {MaxMatcherLength:N0} are accepted.");
        }

        double? start = null, end = null;
        foreach (var (name, value) in parameters)
        {
            switch (name)
            {
                case "start" or "end":
                    if (Seconds(value) is not { } seconds)
                    {
                        return new Refusal(400, name, $"\"{Shorten(value)}\" is not a time: give Unix seconds or an RFC 3339 timestamp between the years 1 and 9999.");
                    }

                    if (name == "start")
                    {
                        start = seconds;
                    }
                    else
                    {
                        end = seconds;
                    }

                    break;
                case "limit" when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _):
                    return new Refusal(400, "limit", $"\"{Shorten(value)}\" is not a whole number of entries.");
            }
        }

        return start > end ? new Refusal(400, "start", "start is after end.") : null;
    }

    /// <summary>The caller's parameters with <c>limit</c> capped at the configured one (0, "no limit", included).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Limited(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var cap = options.Value.MetadataLimit;
        var asked = parameters.Where(p => p.Key == "limit")
            .Select(p => int.TryParse(p.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Min();
        var limit = asked is > 0 && asked < cap ? asked : cap;
        return [.. parameters.Where(p => p.Key != "limit"), new("limit", limit.ToString(CultureInfo.InvariantCulture))];
    }

    public async Task<Forwarded> ForwardAsync(string path, bool post, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken ct)
    {
        if (!IsAllowed(path))
        {
            return new Forwarded(404, "text/plain", "Only Prometheus' metadata endpoints are available here."u8.ToArray(), null);
        }

        var sent = Limited(parameters);
        var http = clients.CreateClient(ClientName);
        using var request = post
            ? new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(sent) }
            : new HttpRequestMessage(HttpMethod.Get, path + QueryString(sent));
        try
        {
            // Headers only: the body is read below, and only as far as the byte limit.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var max = options.Value.MaxMetadataBytes;
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
            if (response.Content.Headers.ContentLength > max)
            {
                return TooLarge(max);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var body = await ReadAtMostAsync(stream, max, ct);
            return body is null ? TooLarge(max) : new Forwarded((int)response.StatusCode, contentType, body.Value, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var json = $$"""{"status":"error","errorType":"unavailable","error":{{System.Text.Json.JsonSerializer.Serialize(e.Message)}}}""";
            return new Forwarded(502, "application/json", System.Text.Encoding.UTF8.GetBytes(json), null);
        }
    }

    /// <summary>Up to <paramref name="max"/> bytes of the stream; null as soon as there is more (the connection is then dropped).</summary>
    internal static async Task<ReadOnlyMemory<byte>?> ReadAtMostAsync(Stream stream, int max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static Forwarded TooLarge(int max) => new(422, "application/problem+json", default,
        new Refusal(422, "match[]", $"Prometheus' answer is larger than {max:N0} bytes, so it was cut off; narrow the request with a more specific match[] selector or a shorter start..end."));

    private static string QueryString(IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        parameters.Count == 0 ? "" : "?" + string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private static double? Seconds(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return double.IsFinite(seconds) && seconds is >= EarliestSeconds and <= LatestSeconds ? seconds : null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeMilliseconds() / 1000.0
            : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
