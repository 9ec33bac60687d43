using Microsoft.AspNetCore.Identity;
using Portal.Domain.Access;

namespace Portal.Infrastructure.Identity;

/// <summary>A person who signs in. Roles are Identity roles named after <see cref="PortalRole"/>; teams are claims.</summary>
public sealed class PortalUser : IdentityUser
{
    public PortalUser()
    {
    }

    public PortalUser(string userName)
        : base(userName)
    {
    }

    /// <summary>
    /// Disabled by an admin: locked out for good (Identity's way, a lockout ending at <see cref="DateTimeOffset.MaxValue"/>).
    /// Unlike the few minutes after wrong passwords, this also stops the user's API tokens.
    /// </summary>
    public bool IsDisabled() => Disables(LockoutEnd);

    /// <summary>Whether a lockout ending then is the disabled state (<see cref="IsDisabled"/>), for queries that read the column alone.</summary>
    public static bool Disables(DateTimeOffset? lockoutEnd) => lockoutEnd == DateTimeOffset.MaxValue;
}
