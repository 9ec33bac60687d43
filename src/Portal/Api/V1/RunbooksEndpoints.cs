using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Catalog;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;
using Portal.Security;

namespace Portal.Api.V1;

public sealed record RunbookRequest(string? Slug, string? Title, string[]? Tags, string? Team, string? Body, int? ReviewIntervalDays, uint? Version = null, string? Reason = null);

public sealed record RunbookLinkRequest(string? Slug);

public sealed record RunbookResponse(
    Guid Id, string Slug, string Title, IReadOnlyList<string> Tags, string Team, string Body, int? ReviewIntervalDays,
    DateTimeOffset? LastReviewedAt, string? LastReviewedBy, DateTimeOffset? ReviewDue, int Revision,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string UpdatedBy, uint Version);

/// <summary>A search hit: <c>snippet</c> is plain text, and <c>parts</c> is the same text cut into runs, each saying whether it matched.</summary>
public sealed record RunbookHitResponse(string Slug, string Title, IReadOnlyList<string> Tags, string Team, double Rank, string Snippet, IReadOnlyList<SnippetPart> Parts);

public sealed record SnippetPart(string Text, bool Match);

/// <summary>/runbooks CRUD, revisions and search, and /rules/{id}/runbook: thin, everything real happens in <see cref="IRunbookStore"/>.</summary>
public static class RunbooksEndpoints
{
    /// <summary>
    /// Room for a body at the 1 MB limit with JSON escaping (newlines and quotes take two bytes): a body over the limit
    /// but under this is refused as 400 naming <c>body</c>, anything larger as 413 without being read further.
    /// </summary>
    public const long RequestLimit = 2 * RunbookLimits.MaxBodyBytes + 64 * 1024;

    public static RouteGroupBuilder MapRunbooks(this RouteGroupBuilder api)
    {
        api.MapGet("/runbooks", async ([FromServices] IRunbookStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(ct)));
        api.MapGet("/runbooks/search", (HttpRequest request, [FromServices] IRunbookStore store, CancellationToken ct) => SearchAsync(request.Query, store, ct))
            .RequireRateLimiting(RateLimits.RunbookSearch);
        api.MapPost("/runbooks", (HttpRequest request, [FromServices] IRunbookStore store, ActingUser user, CancellationToken ct) => CreateAsync(request, store, user, ct));
        api.MapGet("/runbooks/{slug}", (string slug, HttpRequest request, [FromServices] IRunbookStore store, CancellationToken ct) => GetAsync(slug, request, store, ct));
        api.MapPut("/runbooks/{slug}", (string slug, HttpRequest request, [FromServices] IRunbookStore store, ActingUser user, CancellationToken ct) =>
            UpdateAsync(slug, request, store, user, ct));
        api.MapDelete("/runbooks/{slug}", (string slug, HttpRequest request, [FromServices] IRunbookStore store, ActingUser user, CancellationToken ct) =>
            DeleteAsync(slug, request, store, user, ct));
        api.MapGet("/runbooks/{slug}/revisions", async (string slug, HttpRequest request, [FromServices] IRunbookStore store, CancellationToken ct) =>
            await store.FindAsync(slug, ct) switch
            {
                { Runbook: not null } => TypedResults.Ok(await store.RevisionsAsync(slug, ct)),
                { RedirectTo: { } renamed } => Moved(request, slug, renamed),
                _ => NoSuchRunbook(slug),
            });
        api.MapPut("/rules/{id}/runbook", (string id, HttpRequest request, [FromServices] IRunbookStore store, ActingUser user, CancellationToken ct) =>
            LinkAsync(id, request, store, user, ct));
        return api;
    }

    private static async Task<IResult> GetAsync(string slug, HttpRequest request, IRunbookStore store, CancellationToken ct) =>
        await store.FindAsync(slug, ct) switch
        {
            { Runbook: { } runbook } => RulesEndpoints.WithETag(TypedResults.Ok(ToResponse(runbook)), runbook.Version),
            { RedirectTo: { } renamed } => Moved(request, slug, renamed),
            _ => NoSuchRunbook(slug),
        };

    private static async Task<IResult> CreateAsync(HttpRequest request, IRunbookStore store, ActingUser user, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<RunbookRequest>(request, RequestLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var result = await store.SaveAsync(ToEdit(body.Value!, originalSlug: null, version: null), user.Caller, ct);
        return ApiProblems.ForStore(result, runbook => RulesEndpoints.WithETag(
            TypedResults.Created($"{ApiV1.Prefix}/runbooks/{runbook.Slug}", ToResponse(runbook)), runbook.Version), "the runbook");
    }

    private static async Task<IResult> UpdateAsync(string slug, HttpRequest request, IRunbookStore store, ActingUser user, CancellationToken ct)
    {
        var found = await store.FindAsync(slug, ct);
        if (found.Runbook is null)
        {
            return found.RedirectTo is { } renamed ? Moved(request, slug, renamed) : NoSuchRunbook(slug);
        }

        var body = await ApiBody.JsonAsync<RunbookRequest>(request, RequestLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (version, versionError) = RulesEndpoints.Version(request.Headers.IfMatch, body.Value!.Version?.ToString(CultureInfo.InvariantCulture), "runbook");
        if (versionError is not null)
        {
            return ApiProblems.Validation([versionError]);
        }

        // A body without a slug keeps the runbook's; one with another slug renames it (the old one redirects).
        var result = await store.SaveAsync(ToEdit(body.Value with { Slug = body.Value.Slug ?? slug }, slug, version), user.Caller, ct);
        return ApiProblems.StaleIfMatch(result.Outcome, result.Errors, request, "runbook") ?? ApiProblems.ForStore(result,
            runbook => RulesEndpoints.WithETag(TypedResults.Ok(ToResponse(runbook)), runbook.Version), "this runbook");
    }

    private static async Task<IResult> DeleteAsync(string slug, HttpRequest request, IRunbookStore store, ActingUser user, CancellationToken ct)
    {
        var found = await store.FindAsync(slug, ct);
        if (found.Runbook is null)
        {
            return found.RedirectTo is { } renamed ? Moved(request, slug, renamed) : NoSuchRunbook(slug);
        }

        var (version, versionError) = RulesEndpoints.Version(request.Headers.IfMatch, request.Query["version"].FirstOrDefault(), "runbook");
        if (versionError is not null)
        {
            return ApiProblems.Validation([versionError]);
        }

        var result = await store.DeleteAsync(slug, version!.Value, user.Caller, ct);
        return ApiProblems.StaleIfMatch(result.Outcome, result.Errors, request, "runbook") ?? ApiProblems.ForStore(result, _ => Results.NoContent(), "this runbook");
    }

    private static async Task<IResult> SearchAsync(IQueryCollection query, IRunbookStore store, CancellationToken ct)
    {
        var limitText = query["limit"].LastOrDefault();
        var limit = 50;
        if (limitText is not null && !int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return ApiProblems.Validation([new FieldError("limit", $"\"{limitText}\" is not a whole number from 1 to {RunbookSearch.MaxLimit}.")]);
        }

        var search = new RunbookSearch(query["q"].LastOrDefault() ?? "", Blank(query["tag"].LastOrDefault()), Blank(query["team"].LastOrDefault()), limit);
        if (search.Problems() is { Count: > 0 } problems)
        {
            return ApiProblems.Validation(problems);
        }

        var hits = await store.SearchAsync(search, ct);
        return TypedResults.Ok(hits.Select(h =>
        {
            var parts = SearchSnippet.Runs(h.Snippet).Select(r => new SnippetPart(r.Text, r.Match)).ToList();
            return new RunbookHitResponse(h.Slug, h.Title, h.Tags, h.Team, h.Rank, string.Concat(parts.Select(p => p.Text)), parts);
        }).ToList());
    }

    private static async Task<IResult> LinkAsync(string id, HttpRequest request, IRunbookStore store, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var ruleId))
        {
            return ApiProblems.NotFound($"There is no rule with id \"{id}\".");
        }

        var body = await ApiBody.JsonAsync<RunbookLinkRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var result = await store.LinkRuleAsync(ruleId, body.Value!.Slug, user.Caller, ct);
        return ApiProblems.ForStore(result, _ => TypedResults.Ok(new { ruleId, slug = body.Value.Slug }), "this rule");
    }

    /// <summary>A renamed runbook's old address: 308, so that a PUT or DELETE is repeated, unchanged, at the new one.</summary>
    private static IResult Moved(HttpRequest request, string slug, string renamed)
    {
        var path = request.Path.Value ?? "";
        var at = path.IndexOf("/runbooks/" + slug, StringComparison.Ordinal);
        var location = at < 0 ? $"{ApiV1.Prefix}/runbooks/{renamed}" : path[..at] + "/runbooks/" + renamed + path[(at + 10 + slug.Length)..];
        return Results.Redirect(location + request.QueryString, permanent: true, preserveMethod: true);
    }

    private static IResult NoSuchRunbook(string slug) =>
        ApiProblems.NotFound($"There is no runbook \"{(slug.Length <= 100 ? slug : slug[..100] + "…")}\".");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static RunbookEdit ToEdit(RunbookRequest r, string? originalSlug, uint? version) =>
        new(originalSlug, r.Slug ?? "", r.Title ?? "", r.Tags ?? [], r.Team ?? "", r.Body ?? "", r.ReviewIntervalDays, version, r.Reason);

    public static RunbookResponse ToResponse(RunbookDetail r) => new(r.Id, r.Slug, r.Title, r.Tags, r.Team, r.Body, r.ReviewIntervalDays,
        r.LastReviewedAt, r.LastReviewedBy, r.ReviewDue(r.CreatedAt), r.Revision, r.CreatedAt, r.UpdatedAt, r.UpdatedBy, r.Version);
}
