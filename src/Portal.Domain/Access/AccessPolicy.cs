namespace Portal.Domain.Access;

/// <summary>
/// The one place that decides who may write what. Team-owned things (namespaces with their rules,
/// runbooks, capacity models) are changed by Editors of the owning team; incidents by everyone signed in; publishing is a
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
            PortalAction.EditRules or PortalAction.EditRunbooks or PortalAction.EditCapacity => TeamWrite(caller, action, owningTeam),
            // An incident is everyone's business while it lasts: whoever is signed in may start one and write in it.
            PortalAction.EditIncidents => AccessDecision.Allow($"{caller.Name} may work on incidents."),
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
        PortalAction.EditCapacity => "Changing capacity models",
        PortalAction.Publish => "Publishing",
        PortalAction.Rollback => "Rolling back",
        PortalAction.Review => "Reviewing",
        PortalAction.ManageUsers => "Managing users",
        PortalAction.ManageTeams => "Managing teams",
        PortalAction.ManageTargets => "Managing publish targets",
        _ => "Changing settings",
    };
}
