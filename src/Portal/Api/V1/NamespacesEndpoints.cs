using Portal.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Api.V1;

/// <param name="Archived">Read-only and not published; <c>archivedAt</c>/<c>archivedBy</c> say since when and by whom.</param>
public sealed record NamespaceResponse(Guid Id, string Name, string Team, int GroupCount, int RuleCount, uint Version,
    bool Archived = false, DateTimeOffset? ArchivedAt = null, string? ArchivedBy = null);

public sealed record GroupResponse(Guid Id, string Namespace, string Name, string? Interval, int? Limit, int Position, uint Version);

public sealed record GroupWithRulesResponse(GroupResponse Group, IReadOnlyList<RuleListItemResponse> Rules);

public sealed record NamespaceDetailResponse(NamespaceResponse Namespace, IReadOnlyList<GroupWithRulesResponse> Groups);

public sealed record NamespaceRequest(string? Name, string? Team);

public sealed record GroupRequest(string? Name, string? Interval, int? Limit);

/// <summary>
/// GET/POST /namespaces; also one namespace with its groups (where a client finds the groupId a new
/// rule needs) and creating a group in it.
/// </summary>
public static class NamespacesEndpoints
{
    public static RouteGroupBuilder MapNamespaces(this RouteGroupBuilder api)
    {
        api.MapGet("/namespaces", async ([FromServices] IRuleStore store, CancellationToken ct) =>
            TypedResults.Ok((await store.NamespacesAsync(ct)).Select(ToResponse).ToList()));
        api.MapGet("/namespaces/{name}", (string name, [FromServices] IRuleStore store, CancellationToken ct) => GetAsync(name, store, ct));
        api.MapPost("/namespaces", (HttpRequest request, [FromServices] IRuleStore store, ActingUser user, CancellationToken ct) =>
            CreateAsync(request, store, user, ct));
        api.MapPost("/namespaces/{name}/groups", (string name, HttpRequest request, [FromServices] IRuleStore store, ActingUser user,
            [FromServices] IOptions<RulesOptions> rules, CancellationToken ct) => CreateGroupAsync(name, request, store, user, rules, ct));
        return api;
    }

    public static async Task<IResult> GetAsync(string name, IRuleStore store, CancellationToken ct) =>
        await store.NamespaceAsync(name, ct) is { } detail
            ? TypedResults.Ok(new NamespaceDetailResponse(ToResponse(detail.Namespace),
                detail.Groups.Select(g => new GroupWithRulesResponse(ToResponse(g.Group), g.Rules.Select(RuleMapping.ToResponse).ToList())).ToList()))
            : NoSuchNamespace(name);

    public static async Task<IResult> CreateAsync(HttpRequest request, IRuleStore store, ActingUser user, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<NamespaceRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body.Value!.Name))
        {
            errors.Add(new FieldError("name", "A namespace needs a name; it becomes the name of its rule file."));
        }

        if (string.IsNullOrWhiteSpace(body.Value.Team))
        {
            errors.Add(new FieldError("team", "Say which team owns the namespace."));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.CreateNamespaceAsync(body.Value.Name!.Trim(), body.Value.Team!.Trim(), user.Caller, ct);
        return ApiProblems.ForStore(result,
            ns => TypedResults.Created($"/api/v1/namespaces/{Uri.EscapeDataString(ns.Name)}", ToResponse(ns)), "the namespace");
    }

    public static async Task<IResult> CreateGroupAsync(string name, HttpRequest request, IRuleStore store, ActingUser user,
        IOptions<RulesOptions> rules, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<GroupRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (await store.NamespaceAsync(name, ct) is not { } detail)
        {
            return NoSuchNamespace(name);
        }

        var errors = GroupSettings.Check(body.Value!.Name, body.Value.Interval, body.Value.Limit, rules.Value.MinimumGroupInterval, out var interval);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var edit = new GroupEdit(null, detail.Namespace.Id, body.Value.Name!.Trim(), interval, body.Value.Limit, 0);
        var result = await store.SaveGroupAsync(edit, user.Caller, ct);
        return ApiProblems.ForStore(result,
            group => TypedResults.Created($"/api/v1/namespaces/{Uri.EscapeDataString(group.Namespace)}", ToResponse(group)), "the group");
    }

    public static NamespaceResponse ToResponse(NamespaceSummary ns) =>
        new(ns.Id, ns.Name, ns.Team, ns.GroupCount, ns.RuleCount, ns.Version, ns.Archived, ns.ArchivedAt, ns.ArchivedBy);

    public static GroupResponse ToResponse(GroupSummary group) =>
        new(group.Id, group.Namespace, group.Name, group.Interval?.ToString(), group.Limit, group.Position, group.Version);

    private static IResult NoSuchNamespace(string name) => ApiProblems.NotFound($"There is no namespace \"{name}\".");
}
