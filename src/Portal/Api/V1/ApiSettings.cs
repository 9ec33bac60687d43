using Microsoft.Extensions.Options;

namespace Portal.Api.V1;

/// <summary>The <c>Portal</c> configuration section as far as the API reads it.</summary>
public sealed class ApiSettings
{
    public const string Section = "Portal";

    /// <summary>The one token the API accepts until personal tokens exist; empty means the API is closed.</summary>
    public string? BootstrapApiToken { get; set; }

    public string? LocalUser { get; set; }
}

/// <summary>
/// Who writes. In the UI that is the signed-in user of the circuit; through the API (bootstrap token) and
/// in tests without sign-in it is the configured local user. Every page and endpoint asks this class.
/// </summary>
public sealed class ActingUser(
    IOptionsMonitor<ApiSettings> settings,
    Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider? authentication = null,
    IHttpContextAccessor? http = null)
{
    public const string DefaultName = "local-admin";

    public string Name => SignedIn() ?? TokenOwner() ?? (settings.CurrentValue.LocalUser is { } name && !string.IsNullOrWhiteSpace(name) ? name.Trim() : DefaultName);

    /// <summary>An API call's token owner, set on the request by the token filter.</summary>
    private string? TokenOwner() =>
        http?.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

    /// <summary>
    /// Who is asking, for the access policy: the signed-in user or the token's owner with their roles and
    /// teams. Without either (no sign-in configured, as in component tests) the local user may do everything.
    /// </summary>
    public Domain.Access.Caller Caller => Principal() is { } principal
        ? Infrastructure.Identity.PortalClaims.CallerOf(principal)
        : Domain.Access.Caller.Of(Name, Enum.GetValues<Domain.Access.PortalRole>(), []);

    /// <summary>Null when the caller may; otherwise the policy's reason, to show where the button is.</summary>
    public string? Refusal(Domain.Access.PortalAction action, string? owningTeam = null) =>
        Domain.Access.AccessPolicy.Decide(Caller, action, owningTeam) is { Allowed: false } decision ? decision.Reason : null;

    private System.Security.Claims.ClaimsPrincipal? Principal()
    {
        try
        {
            var state = authentication?.GetAuthenticationStateAsync();
            if (state is { IsCompletedSuccessfully: true } && state.Result.User.Identity is { IsAuthenticated: true })
            {
                return state.Result.User;
            }
        }
        catch (InvalidOperationException)
        {
            // Outside a circuit: the API's token owner below.
        }

        return http?.HttpContext?.User.Identity is { IsAuthenticated: true } ? http.HttpContext.User : null;
    }

    private string? SignedIn()
    {
        try
        {
            // On the server the state is known once the circuit starts; outside a circuit (API requests) asking throws.
            var state = authentication?.GetAuthenticationStateAsync();
            return state is { IsCompletedSuccessfully: true } && state.Result.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
