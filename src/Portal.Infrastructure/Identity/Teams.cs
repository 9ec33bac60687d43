using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Identity;

internal sealed partial class Teams(IDbContextFactory<PortalDbContext> factory, Access.AccessGuard guard, TimeProvider clock) : ITeams
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    internal static partial Regex TeamName();

    /// <summary>The sizes of teams.description and teams.created_by.</summary>
    internal const int DescriptionLength = 300, CreatedByLength = 200;

    public const string NameRule = "lower-case letters, digits, dots, dashes or underscores (at most 63), starting with a letter or digit";

    public async Task<IReadOnlyList<TeamSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var members = await db.UserClaims.Where(c => c.ClaimType == PortalClaims.Team).GroupBy(c => c.ClaimValue!)
            .Select(g => new { Team = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Team, g => g.Count, ct);
        var owned = await db.Namespaces.GroupBy(n => n.Team).Select(g => new { Team = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Team, g => g.Count, ct);
        return (await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct))
            .Select(t => new TeamSummary(t.Name, t.Description, members.GetValueOrDefault(t.Name), owned.GetValueOrDefault(t.Name), t.CreatedAt))
            .ToList();
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> CreateAsync(Caller caller, string name, string? description, CancellationToken ct)
    {
        name = name.Trim();
        if (await guard.CheckAsync(caller, PortalAction.ManageTeams, "team.create", name) is { Allowed: false } refused)
        {
            return [("access", refused.Reason)];
        }

        if (!TeamName().IsMatch(name))
        {
            return [("name", $"A team name uses {NameRule}.")];
        }

        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (description is { Length: > DescriptionLength })
        {
            return [("description", $"Keep the description under {DescriptionLength} characters; this one has {description.Length}.")];
        }

        if (StorableText.Check("description", description) is { } unstorable)
        {
            return [(unstorable.Field, $"{unstorable.Position}: {unstorable.Message}")];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Teams.AnyAsync(t => t.Name == name, ct))
        {
            return [("name", $"Team {name} exists already.")];
        }

        db.Teams.Add(new TeamRow { Name = name, Description = description, CreatedAt = clock.GetUtcNow(), CreatedBy = Audit.AuditText.Fit(caller.Name, CreatedByLength) });
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "team.create", name,
            description is null ? null : System.Text.Json.JsonSerializer.Serialize(new { description })));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another Admin made the same team a moment ago: the API answers 409 for this one.
            return [("name", $"Team {name} {ITeams.CreatedMeanwhile}")];
        }

        return [];
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> DeleteAsync(Caller caller, string name, CancellationToken ct)
    {
        if (await guard.CheckAsync(caller, PortalAction.ManageTeams, "team.delete", name) is { Allowed: false } refused)
        {
            return [("access", refused.Reason)];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var row = StorableText.IsStorable(name) ? await db.Teams.FirstOrDefaultAsync(t => t.Name == name, ct) : null;
        if (row is null)
        {
            return [("name", $"There is no team {name}.")];
        }

        var members = await db.UserClaims.CountAsync(c => c.ClaimType == PortalClaims.Team && c.ClaimValue == name, ct);
        var namespaces = await db.Namespaces.Where(n => n.Team == name).Select(n => n.Name).OrderBy(n => n).ToListAsync(ct);
        if (members > 0 || namespaces.Count > 0)
        {
            var uses = new List<string>();
            if (members > 0)
            {
                uses.Add(members == 1 ? "1 member" : $"{members} members");
            }

            if (namespaces.Count > 0)
            {
                uses.Add($"namespace{(namespaces.Count == 1 ? "" : "s")} {string.Join(", ", namespaces.Take(5))}{(namespaces.Count > 5 ? ", …" : "")}");
            }

            return [("name", $"Team {name} still has {string.Join(" and ", uses)}: move them to another team first.")];
        }

        db.Teams.Remove(row);
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "team.delete", name));
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> AssignNamespaceAsync(Caller caller, string @namespace, string team, CancellationToken ct)
    {
        if (await guard.CheckAsync(caller, PortalAction.ManageTeams, "namespace.assign", @namespace) is { Allowed: false } refused)
        {
            return [("access", refused.Reason)];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var ns = StorableText.IsStorable(@namespace) ? await db.Namespaces.FirstOrDefaultAsync(n => n.Name == @namespace, ct) : null;
        if (ns is null)
        {
            return [("namespace", $"There is no namespace {@namespace}.")];
        }

        if (!StorableText.IsStorable(team) || !await db.Teams.AnyAsync(t => t.Name == team, ct))
        {
            return [("team", $"There is no team {team}: an Admin creates it first.")];
        }

        if (ns.Team == team)
        {
            return [];
        }

        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "namespace.assign", ns.Name,
            System.Text.Json.JsonSerializer.Serialize(new { before = ns.Team, after = team })));
        ns.Team = team;
        await db.SaveChangesAsync(ct);
        return [];
    }
}
