using Portal.Security;
using Portal.Infrastructure.Reviews;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;

namespace Portal.Api.V1;

/// <summary>The parts of a namespace to change; fields left out stay as they are. <c>version</c>, when sent, must be the current one.</summary>
/// <param name="ReviewRequired">Whether changes need a second Publisher's approval before they are published.</param>
public sealed record NamespacePatchRequest(string? Name, string? Team, bool? Archived, uint? Version, bool? ReviewRequired = null);

public sealed record TrashedRuleResponse(Guid Id, string Namespace, string Group, string Kind, string Name, int VersionNumber, DateTimeOffset DeletedAt, string DeletedBy);

/// <summary>
/// PATCH/DELETE /namespaces/{name}, GET /namespaces/{name}/trash and POST /rules/{id}/restore: thin, the rights,
/// the checks and the audit are <see cref="ICatalogLifecycle"/>'s.
/// </summary>
public static class NamespaceLifecycleEndpoints
{
    public static RouteGroupBuilder MapNamespaceLifecycle(this RouteGroupBuilder api)
    {
        api.MapPatch("/namespaces/{name}", (string name, HttpRequest request, [FromServices] ICatalogLifecycle lifecycle, [FromServices] IReviewStore reviews,
                [FromServices] IRuleStore rules, ActingUser user, CancellationToken ct) =>
            PatchAsync(name, request, lifecycle, reviews, rules, user, ct));
        api.MapDelete("/namespaces/{name}", (string name, HttpRequest request, [FromServices] ICatalogLifecycle lifecycle, ActingUser user, CancellationToken ct) =>
            DeleteAsync(name, request.Query["confirm"].LastOrDefault(), lifecycle, user, ct));
        api.MapGet("/namespaces/{name}/trash", (string name, [FromServices] ICatalogLifecycle lifecycle, CancellationToken ct) => TrashAsync(name, lifecycle, ct));
        api.MapPost("/rules/{id}/restore", (string id, [FromServices] ICatalogLifecycle lifecycle, ActingUser user, CancellationToken ct) =>
            RestoreAsync(id, lifecycle, user, ct));
        return api;
    }

    /// <summary>
    /// Renames, hands over, archives and turns review on or off. The catalog change comes first; the review
    /// setting then applies to the namespace under its new name (each write is audited on its own).
    /// </summary>
    public static async Task<IResult> PatchAsync(string name, HttpRequest request, ICatalogLifecycle lifecycle, IReviewStore reviews, IRuleStore rules,
        ActingUser user, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<NamespacePatchRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var patch = body.Value!;
        var change = new NamespaceChange(patch.Name, patch.Team, patch.Archived, patch.Version);
        if (change.IsEmpty && patch.ReviewRequired is null)
        {
            return ApiProblems.Validation([new FieldError("name", "Say what to change: send name, team, archived or reviewRequired (or several).")]);
        }

        if (!change.IsEmpty)
        {
            var result = await lifecycle.ChangeNamespaceAsync(name, change, user.Caller, ct);
            if (patch.ReviewRequired is null || result.Value is not { } changed)
            {
                return ApiProblems.ForStore(result, ns => TypedResults.Ok(NamespacesEndpoints.ToResponse(ns)), "the namespace");
            }

            name = changed.Name;
        }

        var review = await reviews.SetRequiredAsync(name, patch.ReviewRequired!.Value, user.Caller, ct);
        if (!review.Succeeded)
        {
            return ApiProblems.ForStore(review, _ => Results.NoContent(), "the namespace");
        }

        return await rules.NamespaceAsync(name, ct) is { } detail
            ? TypedResults.Ok(NamespacesEndpoints.ToResponse(detail.Namespace))
            : ApiProblems.NotFound($"There is no namespace \"{name}\".");
    }

    public static async Task<IResult> DeleteAsync(string name, string? confirm, ICatalogLifecycle lifecycle, ActingUser user, CancellationToken ct)
    {
        var result = await lifecycle.DeleteNamespaceAsync(name, confirm, user.Caller, ct);
        return ApiProblems.ForStore(result, _ => Results.NoContent(), "the namespace");
    }

    public static async Task<IResult> TrashAsync(string name, ICatalogLifecycle lifecycle, CancellationToken ct) =>
        await lifecycle.TrashAsync(name, ct) is { } trash
            ? TypedResults.Ok(trash.Select(ToResponse).ToList())
            : ApiProblems.NotFound($"There is no namespace \"{name}\".");

    public static async Task<IResult> RestoreAsync(string id, ICatalogLifecycle lifecycle, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var ruleId))
        {
            return ApiProblems.NotFound($"There is no rule with id \"{id}\".");
        }

        var result = await lifecycle.RestoreDeletedAsync(ruleId, user.Caller, ct);
        return ApiProblems.ForStore(result, rule => RulesEndpoints.WithETag(TypedResults.Ok(RuleMapping.ToResponse(rule)), rule.Version), "the rule");
    }

    public static TrashedRuleResponse ToResponse(TrashedRule rule) => new(rule.Id, rule.Namespace, rule.Group,
        rule.Kind == Domain.Lint.RuleKind.Alerting ? "alerting" : "recording", rule.Name, rule.VersionNumber, rule.DeletedAt, rule.DeletedBy);
}
