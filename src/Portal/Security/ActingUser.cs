using Microsoft.Extensions.Options;
using Portal.Api.V1;

namespace Portal.Security;

/// <summary>
/// Who writes. In the UI that is the signed-in user of the circuit; through the API, the token's owner; in
/// tests without sign-in, the configured local user. Every page and endpoint asks this class, and hands its
/// <see cref="Caller"/> to the store or service, which asks the access policy itself.
/// </summary>
public sealed class ActingUser(IOptionsMonitor<ApiSettings> settings, CircuitUser? circuit = null, IHttpContextAccessor? http = null)
{
    public const string DefaultName = "local-admin";

    public string Name => Principal()?.Identity?.Name is { Length: > 0 } name ? name
        : settings.CurrentValue.LocalUser is { } local && !string.IsNullOrWhiteSpace(local) ? local.Trim() : DefaultName;

    /// <summary>
    /// Who is asking, for the access policy and the audit log: the signed-in user or the token's owner with
    /// their roles and teams, where the request came from and the client's address. Without either there
    /// is nobody to trust: the local user's name, with no role, so every write is refused.
    /// </summary>
    public Domain.Access.Caller Caller
    {
        get
        {
            var principal = Principal();
            var caller = principal is not null
                ? Infrastructure.Identity.PortalClaims.CallerOf(principal)
                : Domain.Access.Caller.Of(Name, [], []);
            var request = circuit?.Principal is null ? http?.HttpContext : null;
            return caller with
            {
                Source = request?.Request.Path.StartsWithSegments(ApiV1.Prefix) == true ? Domain.Access.CallerSource.Api : Domain.Access.CallerSource.Ui,
                Address = request?.Connection.RemoteIpAddress?.ToString() ?? circuit?.Address,
            };
        }
    }

    /// <summary>Signed in through the authenticating proxy: a name without an account here (no password, no tokens).</summary>
    public bool ViaProxy => TrustedHeaders.ViaProxy(Principal());

    /// <summary>Null when the caller may; otherwise the policy's reason, to show where the button is.</summary>
    public string? Refusal(Domain.Access.PortalAction action, string? owningTeam = null) =>
        Domain.Access.AccessPolicy.Decide(Caller, action, owningTeam) is { Allowed: false } decision ? decision.Reason : null;

    /// <summary>
    /// The circuit's user once the circuit has one; else the request's (the API token's owner, set by the
    /// token scheme, or the cookie's user while a page is prerendered). A circuit whose user was signed
    /// out by revalidation never falls back to the request that opened it, which still has the old rights.
    /// </summary>
    private System.Security.Claims.ClaimsPrincipal? Principal() =>
        circuit?.Principal is { } circuitUser ? (circuitUser.Identity?.IsAuthenticated == true ? circuitUser : null)
        : http?.HttpContext?.User is { Identity.IsAuthenticated: true } caller ? caller
        : null;
}
