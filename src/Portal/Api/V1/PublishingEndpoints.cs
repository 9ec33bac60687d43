using Portal.Infrastructure.Publishing;
using Portal.Security;

namespace Portal.Api.V1;

/// <summary>The body of POST /publish and POST /releases/{n}/rollback; an empty body is a dry run.</summary>
public sealed record PublishApiRequest
{
    public string? Note { get; init; }
    /// <summary>False (the default) answers with the plan only: diff, lint and promtool results.</summary>
    public bool Confirm { get; init; }
    public bool ConfirmEmpty { get; init; }
}

/// <summary>Publishing for scripts and CI: the same pipeline as the Publish page, dry run by default.</summary>
public static class PublishingEndpoints
{
    /// <summary>Answers spell outcomes and statuses as words ("pending-reload"), not enum numbers.</summary>
    internal static readonly System.Text.Json.JsonSerializerOptions Out = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower) },
    };

    public static RouteGroupBuilder MapPublishing(this RouteGroupBuilder api)
    {
        // Anyone may look at the plan; the publisher lets only a Publisher make it a release (403 otherwise).
        api.MapPost("/publish", async (HttpRequest request, IPublisher publisher, ActingUser user, CancellationToken ct) =>
        {
            var body = await ReadAsync(request, ct);
            return body.Problem ?? Answer(await publisher.PublishAsync(body.Value!, user.Caller, ct));
        }).RequireRateLimiting(RateLimits.Publish);

        api.MapGet("/releases", async (IReleaseStore releases, int? skip, int? take, CancellationToken ct) =>
            TypedResults.Json(await releases.ListAsync(skip ?? 0, take ?? 50, ct), Out));

        api.MapGet("/releases/{number:long}", async (long number, IReleaseStore releases, CancellationToken ct) =>
            await releases.GetAsync(number, ct) is { } release
                ? TypedResults.Json(release, Out)
                : ApiProblems.NotFound($"Release {number} does not exist."));

        api.MapPost("/releases/{number:long}/rollback", async (long number, HttpRequest request, IPublisher publisher, ActingUser user, CancellationToken ct) =>
        {
            var body = await ReadAsync(request, ct);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            try
            {
                // The publisher asks the access policy first: a caller without the right learns nothing about the release.
                return Answer(await publisher.RollbackAsync(number, body.Value!, user.Caller, ct));
            }
            catch (KeyNotFoundException)
            {
                return ApiProblems.NotFound($"Release {number} does not exist.");
            }
        }).RequireRateLimiting(RateLimits.Publish);

        api.MapGet("/releases/{number:long}/download", DownloadAsync);

        api.MapGet("/drift", async (IPublisher publisher, CancellationToken ct) => TypedResults.Json(await publisher.DriftAsync(ct), Out));
        return api;
    }

    /// <summary>A release's files as a zip, exactly as they were published (for the Releases page and for audits).</summary>
    public static async Task<IResult> DownloadAsync(long number, IReleaseStore releases, CancellationToken ct)
    {
        if (await releases.GetAsync(number, ct) is not { } release)
        {
            return ApiProblems.NotFound($"Release {number} does not exist.");
        }

        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in release.Files)
            {
                var entry = zip.CreateEntry(file.FileName, System.IO.Compression.CompressionLevel.Optimal);
                entry.LastWriteTime = release.Summary.At;
                await using var stream = entry.Open();
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(file.Content), ct);
            }
        }

        return Results.File(buffer.ToArray(), "application/zip", $"release-{number}.zip");
    }

    private static async Task<ApiBody.Read<PublishRequest>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any())
        {
            return new ApiBody.Read<PublishRequest>(new PublishRequest(null, Confirm: false), null);
        }

        var body = await ApiBody.JsonAsync<PublishApiRequest>(request, ApiBody.JsonLimit, ct);
        return body.Problem is not null
            ? new ApiBody.Read<PublishRequest>(null, body.Problem)
            : new ApiBody.Read<PublishRequest>(new PublishRequest(body.Value!.Note, body.Value.Confirm, body.Value.ConfirmEmpty), null);
    }

    /// <summary>200 with the plan and release; a refusal (no note, nothing changed, empty set unconfirmed) is 409 with the plan.</summary>
    private static IResult Answer(PublishResult result) => result.Refusal is { } refusal
        ? TypedResults.Json(new { title = "Not published", detail = refusal, status = 409, plan = result.Plan }, Out, "application/problem+json", 409)
        : TypedResults.Json(result, Out);
}
