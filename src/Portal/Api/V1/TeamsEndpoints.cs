using Portal.Security;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Identity;

namespace Portal.Api.V1;

public sealed record TeamRequest(string? Name, string? Description);

/// <summary>GET /teams (anyone with a token) and POST /teams, DELETE /teams/{name} (Admins): the owners of namespaces.</summary>
public static class TeamsEndpoints
{
    public static RouteGroupBuilder MapTeams(this RouteGroupBuilder api)
    {
        api.MapGet("/teams", async (ITeams teams, CancellationToken ct) => TypedResults.Ok(await teams.ListAsync(ct)));
        api.MapPost("/teams", async (HttpRequest request, ITeams teams, ActingUser user, CancellationToken ct) =>
        {
            var body = await ApiBody.JsonAsync<TeamRequest>(request, ApiBody.JsonLimit, ct);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            var problems = await teams.CreateAsync(user.Caller, body.Value!.Name ?? "", body.Value.Description, ct);
            return Answer(problems, () => Results.Created($"{ApiV1.Prefix}/teams/{body.Value.Name!.Trim()}", new { name = body.Value.Name.Trim(), body.Value.Description }));
        });
        api.MapDelete("/teams/{name}", async (string name, ITeams teams, ActingUser user, CancellationToken ct) =>
            Answer(await teams.DeleteAsync(user.Caller, name, ct), Results.NoContent));
        return api;
    }

    /// <summary>A refusal is 403, an unknown team 404, a team made by someone else at the same moment 409, anything else 400 with the field it is about.</summary>
    private static IResult Answer(IReadOnlyList<(string Field, string Message)> problems, Func<IResult> success) => problems switch
    {
        [] => success(),
        [("access", var reason)] => ApiProblems.Forbidden(reason),
        [(_, var message)] when message.StartsWith("There is no team", StringComparison.Ordinal) => ApiProblems.NotFound(message),
        [("name", var message)] when message.EndsWith(ITeams.CreatedMeanwhile, StringComparison.Ordinal) => ApiProblems.Conflict(null, $"name: {message}"),
        _ => ApiProblems.Validation(problems.Select(p => new FieldError(p.Field, p.Message)).ToList()),
    };
}
