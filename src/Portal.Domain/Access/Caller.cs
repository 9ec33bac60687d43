namespace Portal.Domain.Access;

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
