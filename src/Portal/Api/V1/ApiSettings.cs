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
/// Who writes. In the UI that is the signed-in user of the circuit; through the API, the token's owner; in
/// tests without sign-in, the configured local user. Every page and endpoint asks this class.
/// </summary>
public sealed class ActingUser(IOptionsMonitor<ApiSettings> settings, CircuitUser? circuit = null, IHttpContextAccessor? http = null)
{
    public const string DefaultName = "local-admin";

    public string Name => Principal()?.Identity?.Name is { Length: > 0 } name ? name
        : settings.CurrentValue.LocalUser is { } local && !string.IsNullOrWhiteSpace(local) ? local.Trim() : DefaultName;

    /// <summary>
    /// Who is asking, for the access policy: the signed-in user or the token's owner with their roles and
    /// teams. Without either (no sign-in configured, as in component tests) the local user may do everything.
    /// </summary>
    public Domain.Access.Caller Caller => Principal() is { } principal
        ? Infrastructure.Identity.PortalClaims.CallerOf(principal)
        : Domain.Access.Caller.Of(Name, Enum.GetValues<Domain.Access.PortalRole>(), []);

    /// <summary>Signed in through the authenticating proxy: a name without an account here (no password, no tokens).</summary>
    public bool ViaProxy => Security.TrustedHeaders.ViaProxy(Principal());

    /// <summary>Null when the caller may; otherwise the policy's reason, to show where the button is.</summary>
    public string? Refusal(Domain.Access.PortalAction action, string? owningTeam = null) =>
        Domain.Access.AccessPolicy.Decide(Caller, action, owningTeam) is { Allowed: false } decision ? decision.Reason : null;

    /// <summary>The circuit's user, else the request's (the API token's owner, set by the token filter).</summary>
    private System.Security.Claims.ClaimsPrincipal? Principal() =>
        circuit?.Principal is { Identity.IsAuthenticated: true } signedIn ? signedIn
        : http?.HttpContext?.User is { Identity.IsAuthenticated: true } caller ? caller
        : null;
}

/// <summary>The signed-in user of one circuit, kept current by <see cref="CircuitUserHandler"/> so it can be read without waiting.</summary>
public sealed class CircuitUser
{
    public System.Security.Claims.ClaimsPrincipal? Principal { get; internal set; }
}

/// <summary>Copies the circuit's authentication state into its <see cref="CircuitUser"/> when it opens and whenever it changes.</summary>
internal sealed class CircuitUserHandler(Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider authentication, CircuitUser user)
    : Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken ct)
    {
        authentication.AuthenticationStateChanged += async state => user.Principal = (await state).User;
        user.Principal = (await authentication.GetAuthenticationStateAsync()).User;
    }
}
