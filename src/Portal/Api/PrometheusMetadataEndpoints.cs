using Portal.Infrastructure.Prometheus;

namespace Portal.Api;

/// <summary>
/// The PromQL editor's autocompletion talks to Prometheus through the portal, so browsers never
/// need network access to Prometheus itself and only metadata can be read.
/// </summary>
public static class PrometheusMetadataEndpoints
{
    public const string BasePath = "/prometheus-metadata";

    public static IEndpointRouteBuilder MapPrometheusMetadataProxy(this IEndpointRouteBuilder app)
    {
        app.MapMethods(BasePath + "/{**path}", ["GET", "POST"], async (string path, HttpContext context, PrometheusMetadataProxy proxy) =>
        {
            if (!PrometheusMetadataProxy.IsAllowed(path))
            {
                return Results.Problem(statusCode: 404, title: "Not a metadata endpoint",
                    detail: "Only Prometheus' labels, series, metadata and label values endpoints are available here.");
            }

            HttpContent? form = null;
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
            {
                var fields = await context.Request.ReadFormAsync(context.RequestAborted);
                form = new FormUrlEncodedContent(fields.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))));
            }

            var (status, contentType, body) = await proxy.ForwardAsync(path, context.Request.QueryString.Value ?? "", form, context.RequestAborted);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            return Results.Empty;
        }).DisableAntiforgery();
        return app;
    }
}
