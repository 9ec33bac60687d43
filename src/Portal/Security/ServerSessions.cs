using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Identity;

namespace Portal.Security;

/// <summary>
/// Sign-in sessions that end on the server (decision 0020): the sign-in cookie carries the id of a session
/// row, every request with the cookie checks that the row is still active, and signing out ends the row, so
/// a copy of the cookie taken before is refused from then on.
/// </summary>
public static class ServerSessions
{
    public const string SignOutPath = "/account/logout";

    public static IServiceCollection AddServerSessions(this IServiceCollection services)
    {
        // Identity rebuilds the principal from the database when it re-checks the security stamp; the session
        // is not in the database's claims, so it is carried over, or the cookie would lose it after 30 minutes.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = refreshing =>
        {
            if (refreshing.CurrentPrincipal?.FindFirst(PortalClaims.Session) is { } session && refreshing.NewPrincipal?.Identity is ClaimsIdentity identity
                && !identity.HasClaim(c => c.Type == PortalClaims.Session))
            {
                identity.AddClaim(new Claim(PortalClaims.Session, session.Value));
            }

            return Task.CompletedTask;
        });
        // After Identity's own configuration, which sets the security-stamp check this runs before.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var securityStamp = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                if (!await ActiveAsync(context))
                {
                    return;
                }

                await securityStamp(context);
            };
        });
        return services;
    }

    /// <summary>Ends the session server-side, then removes the cookie from this browser.</summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost(SignOutPath, async (HttpContext http, SignInManager<PortalUser> signIn, IUserSessions sessions, IAuditLog audit) =>
        {
            if (http.User.FindFirst(PortalClaims.Session)?.Value is { Length: > 0 } session)
            {
                await sessions.EndAsync(session, CancellationToken.None);
                var caller = PortalClaims.CallerOf(http.User) with { Source = Domain.Access.CallerSource.Ui, Address = http.Connection.RemoteIpAddress?.ToString() };
                await audit.RecordAsync(caller, "signout", "session", null, CancellationToken.None);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
        return app;
    }

    /// <summary>False, with the principal rejected, when the cookie's session is not (or no longer) active.</summary>
    private static async Task<bool> ActiveAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var session = principal?.FindFirst(PortalClaims.Session)?.Value;
        var user = principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<IUserSessions>();
        try
        {
            // A cookie without a session (from before sessions were kept) cannot be ended, so it is not accepted.
            if (session is not null && user is not null && await sessions.ActiveAsync(session, user, context.HttpContext.RequestAborted))
            {
                return true;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without the database the session cannot be vouched for: this request is anonymous, but the cookie
            // stays, so the user is still signed in once the database is back.
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServerSessions))
                .LogWarning("Could not check the sign-in session ({Message}); the request continues without a user", e.Message);
            context.RejectPrincipal();
            return false;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return false;
    }
}
