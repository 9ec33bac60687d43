namespace Portal.Domain.Access;

/// <summary>What a person may be trusted with; a user can hold several.</summary>
public enum PortalRole
{
    /// <summary>Reads everything.</summary>
    Viewer,
    /// <summary>Changes rules, runbooks and incidents of their own teams.</summary>
    Editor,
    /// <summary>Publishes and rolls back releases.</summary>
    Publisher,
    /// <summary>Users, teams, targets, settings; and everything else.</summary>
    Admin,
}

/// <summary>Every kind of write the portal has, as the access policy judges it.</summary>
public enum PortalAction
{
    /// <summary>Rules, groups and namespaces of a team: create, change, delete, move, restore, import into.</summary>
    EditRules,
    EditRunbooks,
    EditIncidents,
    Publish,
    Rollback,
    /// <summary>Approving or rejecting a namespace's changes, and deciding whether they need that: a Publisher of the owning team's.</summary>
    Review,
    ManageUsers,
    ManageTeams,
    ManageTargets,
    ManageSettings,
}

/// <summary>Who is asking: the user's name, roles and teams, resolved once per request or circuit.</summary>
public sealed record Caller(string Name, IReadOnlySet<PortalRole> Roles, IReadOnlySet<string> Teams)
{
    public bool IsAdmin => Roles.Contains(PortalRole.Admin);

    /// <summary>Where the request came in, for the audit log: <c>ui</c>, <c>api</c> or <c>system</c>.</summary>
    public string Source { get; init; } = CallerSource.System;

    /// <summary>The client's address as the portal saw it, when there is a client.</summary>
    public string? Address { get; init; }

    /// <summary>The portal itself (background jobs, bootstrap): may do everything, and says so in the audit log.</summary>
    public static Caller System(string name = "portal") => Of(name, Enum.GetValues<PortalRole>(), []);

    public static Caller Of(string name, IEnumerable<PortalRole> roles, IEnumerable<string> teams) =>
        new(name, roles.ToHashSet(), teams.ToHashSet(StringComparer.Ordinal));
}

public static class CallerSource
{
    public const string Ui = "ui";
    public const string Api = "api";
    public const string System = "system";
}

public sealed record AccessDecision(bool Allowed, string Reason)
{
    public static AccessDecision Allow(string reason) => new(true, reason);

    public static AccessDecision Deny(string reason) => new(false, reason);
}

/// <summary>
/// The one place that decides who may write what. Team-owned things (namespaces with their rules,
/// runbooks, incidents, capacity models) are changed by Editors of the owning team; publishing is a
/// Publisher's; administration an Admin's; an Admin may do everything. Viewers write nothing.
/// </summary>
public static class AccessPolicy
{
    public static AccessDecision Decide(Caller caller, PortalAction action, string? owningTeam = null)
    {
        if (caller.IsAdmin)
        {
            return AccessDecision.Allow("Admins may do everything.");
        }

        return action switch
        {
            PortalAction.EditRules or PortalAction.EditRunbooks or PortalAction.EditIncidents => TeamWrite(caller, action, owningTeam),
            PortalAction.Publish or PortalAction.Rollback => caller.Roles.Contains(PortalRole.Publisher)
                ? AccessDecision.Allow("Publishers publish and roll back.")
                : AccessDecision.Deny($"{Verb(action)} needs the Publisher role; {caller.Name} does not have it."),
            PortalAction.Review => TeamReview(caller, owningTeam),
            _ => AccessDecision.Deny($"{Verb(action)} needs the Admin role; {caller.Name} does not have it."),
        };
    }

    private static AccessDecision TeamWrite(Caller caller, PortalAction action, string? owningTeam)
    {
        if (!caller.Roles.Contains(PortalRole.Editor))
        {
            return AccessDecision.Deny($"{Verb(action)} needs the Editor role; {caller.Name} does not have it.");
        }

        if (string.IsNullOrWhiteSpace(owningTeam))
        {
            return AccessDecision.Deny($"{Verb(action)} needs an owning team, and this has none: ask an Admin to assign one.");
        }

        return caller.Teams.Contains(owningTeam)
            ? AccessDecision.Allow($"{caller.Name} edits for team {owningTeam}.")
            : AccessDecision.Deny($"This belongs to team {owningTeam}; {caller.Name} is not a member, so it is read-only for them.");
    }

    /// <summary>Review is the owning team's second pair of eyes: a Publisher, and one of that team.</summary>
    private static AccessDecision TeamReview(Caller caller, string? owningTeam)
    {
        if (!caller.Roles.Contains(PortalRole.Publisher))
        {
            return AccessDecision.Deny($"Reviewing needs the Publisher role; {caller.Name} does not have it.");
        }

        if (string.IsNullOrWhiteSpace(owningTeam))
        {
            return AccessDecision.Deny("This namespace has no owning team, so no team's Publisher can review it: ask an Admin to assign one.");
        }

        return caller.Teams.Contains(owningTeam)
            ? AccessDecision.Allow($"{caller.Name} reviews for team {owningTeam}.")
            : AccessDecision.Deny($"Changes of team {owningTeam} are reviewed by its Publishers; {caller.Name} is not a member of {owningTeam}.");
    }

    private static string Verb(PortalAction action) => action switch
    {
        PortalAction.EditRules => "Changing rules",
        PortalAction.EditRunbooks => "Changing runbooks",
        PortalAction.EditIncidents => "Changing incidents",
        PortalAction.Publish => "Publishing",
        PortalAction.Rollback => "Rolling back",
        PortalAction.Review => "Reviewing",
        PortalAction.ManageUsers => "Managing users",
        PortalAction.ManageTeams => "Managing teams",
        PortalAction.ManageTargets => "Managing publish targets",
        _ => "Changing settings",
    };
}
