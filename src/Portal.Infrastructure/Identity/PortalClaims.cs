using System.Security.Claims;
using Portal.Domain.Access;

namespace Portal.Infrastructure.Identity;

public static class PortalClaims
{
    /// <summary>One claim per team the user belongs to; namespaces, runbooks and capacity models name their owning team.</summary>
    public const string Team = "portal:team";

    /// <summary>The API token a call came with (its id, or a fingerprint of the bootstrap token): the rate limiter's key.</summary>
    public const string Token = "portal:token";

    /// <summary>The server-side session a sign-in cookie belongs to; signing out ends it (<see cref="IUserSessions"/>).</summary>
    public const string Session = "portal:session";

    /// <summary>The caller the access policy judges, from a signed-in principal (or a token's).</summary>
    public static Caller CallerOf(ClaimsPrincipal principal) => Caller.Of(
        principal.Identity?.Name ?? "anonymous",
        Enum.GetValues<PortalRole>().Where(r => principal.IsInRole(r.ToString())),
        principal.FindAll(Team).Select(c => c.Value));
}
