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

            var parameters = context.Request.Query
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")))
                .ToList();
            var post = HttpMethods.IsPost(context.Request.Method);
            if (post && context.Request.HasFormContentType)
            {
                var fields = await context.Request.ReadFormAsync(context.RequestAborted);
                parameters.AddRange(fields.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))));
            }

            if (PrometheusMetadataProxy.Check(parameters) is { } wrong)
            {
                return Refused(wrong);
            }

            // RequestAborted: a closed editor drops the request to Prometheus as well.
            var answer = await proxy.ForwardAsync(path, post, parameters, context.RequestAborted);
            if (answer.Refused is { } refused)
            {
                return Refused(refused);
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
            return Results.Empty;
        }).DisableAntiforgery();
        return app;
    }

    private static IResult Refused(PrometheusMetadataProxy.Refusal refusal) =>
        Results.Problem(statusCode: refusal.Status, title: refusal.Status == 422 ? "Answer too large" : "Not a sane metadata request",
            detail: refusal.Detail, extensions: new Dictionary<string, object?> { ["field"] = refusal.Field });
}
