using System.Text.RegularExpressions;

namespace Portal.Infrastructure.Prometheus;

/// <summary>
/// Forwards the browser's PromQL autocompletion requests to Prometheus. Only the read-only
/// metadata endpoints pass, so the page can never run queries or reload the server through it.
/// </summary>
public sealed partial class PrometheusMetadataProxy(IHttpClientFactory clients)
{
    public const string ClientName = "prometheus-metadata";

    [GeneratedRegex(@"^api/v1/(labels|series|metadata|label/[a-zA-Z_][a-zA-Z0-9_]*/values)$")]
    private static partial Regex AllowedPath();

    public static bool IsAllowed(string path) => AllowedPath().IsMatch(path);

    public async Task<(int Status, string ContentType, byte[] Body)> ForwardAsync(
        string path, string queryString, HttpContent? form, CancellationToken ct)
    {
        if (!IsAllowed(path))
        {
            return (404, "text/plain", "Only Prometheus' metadata endpoints are available here."u8.ToArray());
        }

        var http = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(form is null ? HttpMethod.Get : HttpMethod.Post, path + queryString) { Content = form };
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "application/json", body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var json = $$"""{"status":"error","errorType":"unavailable","error":{{System.Text.Json.JsonSerializer.Serialize(e.Message)}}}""";
            return (502, "application/json", System.Text.Encoding.UTF8.GetBytes(json));
        }
    }
}
