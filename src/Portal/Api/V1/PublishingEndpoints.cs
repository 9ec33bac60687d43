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
    /// <summary>The namespaces the release covers; absent: the caller's teams' changes (every change for a caller without a team).</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }
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
            catch (PublishingException e) when (e.NotFound)
            {
                return ApiProblems.NotFound($"Release {number} does not exist.");
            }
        }).RequireRateLimiting(RateLimits.Publish);

        api.MapGet("/releases/{number:long}/download", DownloadAsync);

        api.MapGet("/targets/{name}/live", async (string name, IPublisher publisher, CancellationToken ct) =>
            (await publisher.LiveAsync(ct)).FirstOrDefault(t => t.Target == name) is { } live
                ? TypedResults.Json(live, Out)
                : ApiProblems.NotFound($"There is no publish target \"{name}\"."));

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
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return new ApiBody.Read<PublishRequest>(new PublishRequest(null, Confirm: false), null);
        }

        var body = await ApiBody.JsonAsync<PublishApiRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return new ApiBody.Read<PublishRequest>(null, body.Problem);
        }

        var value = body.Value!;
        return NamespacesProblem(value.Namespaces) is { } problem
            ? new ApiBody.Read<PublishRequest>(null, problem)
            : new ApiBody.Read<PublishRequest>(new PublishRequest(value.Note, value.Confirm, value.ConfirmEmpty, value.Namespaces), null);
    }

    /// <summary>A list of namespaces is bounded like every other input: at most <see cref="MaxNamespaces"/> names, none empty or too long.</summary>
    private static IResult? NamespacesProblem(IReadOnlyList<string>? namespaces)
    {
        if (namespaces is null)
        {
            return null;
        }

        if (namespaces.Count > MaxNamespaces)
        {
            return ApiProblems.BadRequest($"\"namespaces\" lists {namespaces.Count} names; at most {MaxNamespaces} fit in one release.");
        }

        for (var i = 0; i < namespaces.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(namespaces[i]) || namespaces[i].Length > 200)
            {
                return ApiProblems.BadRequest($"\"namespaces\"[{i}] is {(string.IsNullOrWhiteSpace(namespaces[i]) ? "empty" : "longer than 200 characters")}: list namespace names.");
            }
        }

        return null;
    }

    private const int MaxNamespaces = 1_000;

    /// <summary>
    /// 200 with the plan and release; naming a namespace that does not exist is 400; a refusal (no note,
    /// nothing changed, empty set unconfirmed) is 409 with the plan.
    /// </summary>
    private static IResult Answer(PublishResult result) =>
        result.Plan.UnknownNamespacesText is { } unknown ? ApiProblems.BadRequest(unknown)
        : result.Refusal is { } refusal
        ? TypedResults.Json(new { title = "Not published", detail = refusal, status = 409, plan = result.Plan }, Out, "application/problem+json", 409)
        : TypedResults.Json(result, Out);
}
