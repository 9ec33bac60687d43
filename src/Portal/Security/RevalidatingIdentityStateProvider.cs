using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Identity;

namespace Portal.Security;

/// <summary>
/// Checks an open circuit's user against the database every minute: a changed security stamp (password,
/// roles or teams changed, user removed or locked) or an ended session (signed out) signs the circuit out,
/// so a removed role or a sign-out takes effect in an open browser within a minute instead of at the
/// cookie's expiry.
/// </summary>
internal sealed class RevalidatingIdentityStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) => StillValidAsync(state.User, ct);

    internal async Task<bool> StillValidAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        // The proxy vouched for this user when the circuit opened; there is no account to compare with, and
        // the proxy's own session ends the next page load, not this circuit (docs/decisions/0016).
        if (Portal.Security.TrustedHeaders.ViaProxy(principal))
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        // Signed out elsewhere (or the cookie was copied and its owner signed out): this circuit ends too.
        if (principal.FindFirstValue(PortalClaims.Session) is not { } session
            || !await scope.ServiceProvider.GetRequiredService<IUserSessions>().ActiveAsync(session, user.Id, ct))
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var claimed = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return claimed == await users.GetSecurityStampAsync(user);
    }
}
