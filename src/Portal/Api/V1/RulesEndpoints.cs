using Portal.Security;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;

namespace Portal.Api.V1;

/// <summary>GET/POST /rules, GET/PUT/DELETE /rules/{id}: thin, everything real happens in <see cref="IRuleStore"/>.</summary>
public static class RulesEndpoints
{
    public const int MaxTake = 500;

    public static RouteGroupBuilder MapRules(this RouteGroupBuilder api)
    {
        api.MapGet("/rules", (HttpRequest request, [FromServices] IRuleStore store, CancellationToken ct) => ListAsync(request.Query, store, ct));
        api.MapGet("/rules/{id}", (string id, [FromServices] IRuleStore store, CancellationToken ct) => GetAsync(id, store, ct));
        api.MapPost("/rules", (HttpRequest request, [FromServices] IRuleStore store, ActingUser user, CancellationToken ct) =>
            CreateAsync(request, store, user, ct));
        api.MapPut("/rules/{id}", (string id, HttpRequest request, [FromServices] IRuleStore store, ActingUser user, CancellationToken ct) =>
            UpdateAsync(id, request, store, user, ct));
        api.MapDelete("/rules/{id}", (string id, HttpRequest request, [FromServices] IRuleStore store, ActingUser user, CancellationToken ct) =>
            DeleteAsync(id, request, store, user, ct));
        return api;
    }

    public static async Task<IResult> ListAsync(IQueryCollection query, IRuleStore store, CancellationToken ct)
    {
        var (parsed, errors) = ParseQuery(query);
        return parsed is null
            ? ApiProblems.Validation(errors)
            : TypedResults.Ok(RuleMapping.ToResponse(await store.ListAsync(parsed, ct)));
    }

    public static async Task<IResult> GetAsync(string id, IRuleStore store, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var ruleId))
        {
            return NoSuchRule(id);
        }

        return await store.GetAsync(ruleId, ct) is { } rule ? WithETag(TypedResults.Ok(RuleMapping.ToResponse(rule)), rule.Version) : NoSuchRule(id);
    }

    public static async Task<IResult> CreateAsync(HttpRequest request, IRuleStore store, ActingUser user, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<RuleRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (edit, errors) = RuleMapping.ToEdit(body.Value!, id: null, body.Value!.GroupId, version: 0, enabled: true);
        if (edit is null)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.SaveAsync(edit, user.Caller, ct);
        return ApiProblems.ForStore(result, rule => WithETag(
            result.Outcome == StoreOutcome.Saved
                ? TypedResults.Created($"/api/v1/rules/{rule.Id}", RuleMapping.ToResponse(rule))
                : TypedResults.Ok(RuleMapping.ToResponse(rule)),
            rule.Version), "the rule");
    }

    public static async Task<IResult> UpdateAsync(string id, HttpRequest request, IRuleStore store, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var ruleId))
        {
            return NoSuchRule(id);
        }

        var body = await ApiBody.JsonAsync<RuleRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (version, versionError) = Version(request.Headers.IfMatch, body.Value!.Version?.ToString(CultureInfo.InvariantCulture));
        if (versionError is not null)
        {
            return ApiProblems.Validation([versionError]);
        }

        // Where the rule lives and whether it is on are kept when the body leaves them out; the
        // content itself is replaced as a whole, as PUT says.
        if (await store.GetAsync(ruleId, ct) is not { } current)
        {
            return NoSuchRule(id);
        }

        var (edit, errors) = RuleMapping.ToEdit(body.Value, ruleId, body.Value.GroupId ?? current.GroupId, version!.Value, current.Content.Enabled);
        if (edit is null)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.SaveAsync(edit, user.Caller, ct);
        return ApiProblems.ForStore(result, rule => WithETag(TypedResults.Ok(RuleMapping.ToResponse(rule)), rule.Version), "this rule");
    }

    public static async Task<IResult> DeleteAsync(string id, HttpRequest request, IRuleStore store, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var ruleId))
        {
            return NoSuchRule(id);
        }

        var (version, versionError) = Version(request.Headers.IfMatch, request.Query["version"].FirstOrDefault());
        if (versionError is not null)
        {
            return ApiProblems.Validation([versionError]);
        }

        var result = await store.DeleteAsync(ruleId, version!.Value, user.Caller, ct);
        return ApiProblems.ForStore(result, _ => Results.NoContent(), "this rule");
    }

    /// <summary>The rule list filters from the query string, each mistake reported by its parameter name.</summary>
    public static (RuleQuery? Query, IReadOnlyList<FieldError> Errors) ParseQuery(IQueryCollection query)
    {
        var errors = new List<FieldError>();
        var kindText = Text(query, "kind");
        var kind = kindText is null ? null : RuleMapping.ParseKind(kindText);
        if (kindText is not null && kind is null)
        {
            errors.Add(new FieldError("kind", $"\"{kindText}\" is not a kind of rule: use \"alerting\" or \"recording\"."));
        }

        var sortText = Text(query, "sort");
        var sort = RuleSort.Position;
        if (sortText is not null && (!Enum.TryParse(sortText, ignoreCase: true, out sort) || !Enum.IsDefined(sort) || char.IsAsciiDigit(sortText[0])))
        {
            errors.Add(new FieldError("sort", $"\"{sortText}\" is not a sort order: use one of " +
                string.Join(", ", Enum.GetNames<RuleSort>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])) + "."));
        }

        foreach (var name in new[] { "namespace", "group", "severity", "q" })
        {
            if (StorableText.Check(name, Text(query, name)) is { } unstorable)
            {
                errors.Add(unstorable);
            }
        }

        var hasFindings = Bool(query, "hasFindings", errors);
        var descending = Bool(query, "desc", errors) ?? false;
        var skip = Int(query, "skip", 0, int.MaxValue, errors) ?? 0;
        var take = Int(query, "take", 1, MaxTake, errors) ?? 50;
        return errors.Count > 0
            ? (null, errors)
            : (new RuleQuery(Text(query, "namespace"), Text(query, "group"), Text(query, "severity"), kind, Text(query, "q"),
                hasFindings, sort, descending, skip, take), []);
    }

    /// <summary>
    /// The row version an edit started from: the body's (or the query's) <c>version</c> or an
    /// <c>If-Match</c> ETag; both may be sent but must agree. Without one a write could overwrite
    /// someone else's change, so it is refused.
    /// </summary>
    public static (uint? Version, FieldError? Error) Version(StringValues ifMatch, string? fromRequest, string what = "rule")
    {
        uint? fromHeader = null;
        if (ifMatch.Count > 0)
        {
            var tag = ifMatch.Count == 1 ? ifMatch[0]!.Trim() : "";
            if (tag.StartsWith("W/", StringComparison.Ordinal))
            {
                tag = tag[2..];
            }

            if (!uint.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, new FieldError("version", $"If-Match must be one ETag of this {what}, such as \"42\"; got {ifMatch}."));
            }

            fromHeader = parsed;
        }

        uint? fromValue = null;
        if (fromRequest is not null)
        {
            if (!uint.TryParse(fromRequest, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, new FieldError("version", $"\"{fromRequest}\" is not a version: use the `version` number the {what} was read with."));
            }

            fromValue = parsed;
        }

        return (fromHeader, fromValue) switch
        {
            (null, null) => (null, new FieldError("version",
                $"Send the version you read (the {what}'s `version`, or its ETag in If-Match), so that a change made meanwhile is not overwritten.")),
            ({ } header, { } value) when header != value => (null, new FieldError("version",
                $"If-Match ({header}) and version ({value}) disagree; send one of them.")),
            _ => (fromHeader ?? fromValue, null),
        };
    }

    public static IResult WithETag(IResult inner, uint version) => new HeaderResult(inner, "ETag", $"\"{version.ToString(CultureInfo.InvariantCulture)}\"");

    private static IResult NoSuchRule(string id) => ApiProblems.NotFound($"There is no rule with id \"{id}\".");

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.LastOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool? Bool(IQueryCollection query, string name, List<FieldError> errors)
    {
        var text = Text(query, name);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(name, $"\"{text}\" is not true or false."));
        return null;
    }

    private static int? Int(IQueryCollection query, string name, int min, int max, List<FieldError> errors)
    {
        var text = Text(query, name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, $"\"{text}\" is not a whole number from {min} to {max}."));
        return null;
    }
}

/// <summary>Adds one response header to another result, e.g. the ETag of a rule.</summary>
public sealed class HeaderResult(IResult inner, string name, string value) : IResult
{
    public IResult Inner => inner;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers[name] = value;
        return inner.ExecuteAsync(httpContext);
    }
}
