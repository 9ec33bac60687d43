using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Infrastructure.Audit;

namespace Portal.Infrastructure.Identity;

internal sealed class UserDirectory(IServiceScopeFactory scopes, IAuditLog audit, Access.AccessGuard guard) : IUserDirectory
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        var list = new List<UserSummary>();
        foreach (var user in all)
        {
            var roles = (await users.GetRolesAsync(user)).Select(r => Enum.TryParse<PortalRole>(r, out var role) ? role : (PortalRole?)null).OfType<PortalRole>().Order().ToList();
            var teams = (await users.GetClaimsAsync(user)).Where(c => c.Type == PortalClaims.Team).Select(c => c.Value).Order().ToList();
            list.Add(new UserSummary(user.UserName!, roles, teams, await users.IsLockedOutAsync(user)));
        }

        return list;
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> CreateAsync(Caller caller, UserEdit edit, CancellationToken ct)
    {
        if (await RefusedAsync(caller, "user.create", edit.Name) is { } refused)
        {
            return refused;
        }

        if (await ProblemsAsync(edit, ct) is { Count: > 0 } problems)
        {
            return problems;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser(edit.Name.Trim());
        var created = await users.CreateAsync(user, edit.Password ?? "");
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => (e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "name", e.Description)).ToList();
        }

        await ApplyAsync(users, user, edit);
        await audit.RecordAsync(caller, "user.create", user.UserName!, new { roles = edit.Roles.Select(r => r.ToString()), teams = edit.Teams }, ct);
        return [];
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> UpdateAsync(Caller caller, UserEdit edit, CancellationToken ct)
    {
        if (await RefusedAsync(caller, "user.update", edit.Name) is { } refused)
        {
            return refused;
        }

        if (await ProblemsAsync(edit with { Password = "unchanged-password" }, ct) is { Count: > 0 } problems)
        {
            return problems;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(edit.Name.Trim());
        if (user is null)
        {
            return [("name", $"There is no user {edit.Name}.")];
        }

        if (user.UserName == caller.Name && !edit.Roles.Contains(PortalRole.Admin))
        {
            return [("roles", "You cannot take the Admin role from yourself: ask another admin.")];
        }

        var before = new { roles = await users.GetRolesAsync(user), teams = (await users.GetClaimsAsync(user)).Where(c => c.Type == PortalClaims.Team).Select(c => c.Value).ToList() };
        await ApplyAsync(users, user, edit);
        // A new stamp ends the user's open sessions at their next revalidation, so the change takes effect.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(caller, "user.update", user.UserName!, new { before, after = new { roles = edit.Roles.Select(r => r.ToString()), teams = edit.Teams } }, ct);
        return [];
    }

    private async Task<IReadOnlyList<(string Field, string Message)>?> RefusedAsync(Caller caller, string action, string subject) =>
        await guard.CheckAsync(caller, PortalAction.ManageUsers, action, subject) is { Allowed: false } decision ? [("", decision.Reason)] : null;

    /// <summary>The fields' own problems first; only a well-formed edit has its teams looked up.</summary>
    private async Task<List<(string Field, string Message)>> ProblemsAsync(UserEdit edit, CancellationToken ct) =>
        Problems(edit) is { Count: > 0 } problems ? problems : await UnknownTeamsAsync(edit, ct);

    /// <summary>Teams are made on the Admin page first, so a typo does not make a team nobody owns anything in.</summary>
    private async Task<List<(string Field, string Message)>> UnknownTeamsAsync(UserEdit edit, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Persistence.PortalDbContext>();
        var wanted = edit.Teams.Distinct().ToList();
        var known = await db.Teams.Where(t => wanted.Contains(t.Name)).Select(t => t.Name).ToListAsync(ct);
        return wanted.Except(known).Select(t => ("teams", $"There is no team {t}: create it under Teams first.")).ToList();
    }

    private static List<(string Field, string Message)> Problems(UserEdit edit)
    {
        var problems = new List<(string, string)>();
        if (!System.Text.RegularExpressions.Regex.IsMatch(edit.Name.Trim(), "^[a-z0-9][a-z0-9._-]{1,63}$"))
        {
            problems.Add(("name", "Use 2–64 lower-case letters, digits, dots, dashes or underscores."));
        }

        if (edit.Teams.FirstOrDefault(t => !System.Text.RegularExpressions.Regex.IsMatch(t, "^[a-z0-9][a-z0-9._-]{0,62}$")) is { } team)
        {
            problems.Add(("teams", $"\"{team}\" is not a team name: lower-case letters, digits, dots, dashes or underscores."));
        }

        if (string.IsNullOrEmpty(edit.Password))
        {
            problems.Add(("password", "Give the user an initial password (at least 12 characters); they can be told it in person."));
        }

        return problems;
    }

    private static async Task ApplyAsync(UserManager<PortalUser> users, PortalUser user, UserEdit edit)
    {
        var current = await users.GetRolesAsync(user);
        var wanted = edit.Roles.Select(r => r.ToString()).ToList();
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        var claims = (await users.GetClaimsAsync(user)).Where(c => c.Type == PortalClaims.Team).ToList();
        await users.RemoveClaimsAsync(user, claims.Where(c => !edit.Teams.Contains(c.Value)));
        await users.AddClaimsAsync(user, edit.Teams.Distinct().Where(t => claims.All(c => c.Value != t)).Select(t => new Claim(PortalClaims.Team, t)));
    }
}
