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
