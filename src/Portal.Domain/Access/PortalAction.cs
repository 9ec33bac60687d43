namespace Portal.Domain.Access;

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
    /// <summary>Capacity models, memory budgets and baselines of a team (issue 17).</summary>
    EditCapacity,
}
