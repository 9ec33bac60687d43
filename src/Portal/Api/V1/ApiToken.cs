using Portal.Security;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Portal.Infrastructure.Identity;

namespace Portal.Api.V1;

public enum TokenVerdict
{
    Accepted,
    /// <summary>No token is configured: the API stays closed rather than open by default.</summary>
    NotConfigured,
    Missing,
    Wrong,
    /// <summary>Issued by the portal once and since revoked, or its owner may no longer use it.</summary>
    Revoked,
    /// <summary>The token could not be looked up (the database is down).</summary>
    Unavailable,
}

/// <summary>Compares two byte strings; the API's default is <see cref="CryptographicOperations.FixedTimeEquals"/>.</summary>
public delegate bool ByteComparer(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right);

/// <summary>Checks <c>Authorization: Bearer &lt;token&gt;</c> against the configured bootstrap token.</summary>
public static class ApiToken
{
    public static readonly ByteComparer DefaultComparer = CryptographicOperations.FixedTimeEquals;

    public static TokenVerdict Check(string? configured, StringValues authorization, ByteComparer? equals = null)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return TokenVerdict.NotConfigured;
        }

        if (authorization.Count == 0 || string.IsNullOrWhiteSpace(authorization[0]))
        {
            return TokenVerdict.Missing;
        }

        // A different scheme carries no bearer token.
        if (authorization.Count == 1 && !authorization[0]!.Trim().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return TokenVerdict.Missing;
        }

        var presented = Bearer(authorization) ?? "";
        // Hashing first gives both sides the same length, so neither the comparison nor an early
        // length check tells a caller how long the real token is.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(configured.Trim()));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return (equals ?? DefaultComparer)(expected, actual) && presented.Length > 0 ? TokenVerdict.Accepted : TokenVerdict.Wrong;
    }

    /// <summary>The token of a single <c>Authorization: Bearer</c> header; two Authorization headers are never a valid request.</summary>
    public static string? Bearer(StringValues authorization)
    {
        var header = authorization.Count == 1 ? authorization[0]?.Trim() ?? "" : "";
        return header.Length > 7 && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}

/// <summary>
/// The bearer-token authentication scheme of /api/v1 and the policy that requires it. Authentication runs
/// in the middleware, before authorization, the rate limiter and model binding, so an endpoint only ever
/// sees callers the token vouched for, and the limiter knows whose budget a call spends.
/// </summary>
public static class ApiTokenAuthentication
{
    public const string Scheme = "ApiToken";

    /// <summary>The /api/v1 group's policy: a caller authenticated by <see cref="Scheme"/>; a session cookie does not count.</summary>
    public const string Policy = "api-token";

    public const string Realm = "alert-rule-portal";

    public static AuthenticationBuilder AddApiTokens(this AuthenticationBuilder builder)
    {
        builder.AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return builder;
    }
}

/// <summary>
/// A personal token (the bootstrap token becomes the first admin's) stands for its owner; before any user
/// exists the configured bootstrap token stands for the local user with every right. The challenge answers
/// what was wrong as problem details: 503 while the API has no token at all, else 401 with
/// <c>WWW-Authenticate</c>.
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder,
    IOptionsMonitor<ApiSettings> settings, IApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    private TokenVerdict _verdict = TokenVerdict.Missing;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization;
        if (ApiToken.Bearer(authorization) is { Length: > 0 } presented)
        {
            try
            {
                if (await tokens.AuthenticateAsync(presented, Context.RequestAborted) is { } owner)
                {
                    return Accept(owner);
                }

                // Issued once and since revoked (the bootstrap token too): refused, whatever the configuration says.
                if (await tokens.IssuedAsync(presented, Context.RequestAborted))
                {
                    _verdict = TokenVerdict.Revoked;
                    return AuthenticateResult.Fail("The token was revoked.");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not the caller's fault, and not a reason to accept the bootstrap token without asking whether it was revoked.
                Logger.LogWarning("Could not look up an API token ({Message})", e.Message);
                _verdict = TokenVerdict.Unavailable;
                return AuthenticateResult.Fail("The token could not be checked.");
            }
        }

        var configured = settings.CurrentValue.BootstrapApiToken;
        _verdict = ApiToken.Check(configured, authorization);
        return _verdict switch
        {
            TokenVerdict.Accepted => Accept(LocalAdmin(settings.CurrentValue, ApiToken.Bearer(authorization)!)),
            TokenVerdict.Wrong => AuthenticateResult.Fail("The token is not valid for this portal."),
            _ => AuthenticateResult.NoResult(),
        };
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        var answer = _verdict switch
        {
            TokenVerdict.NotConfigured => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "API not configured",
                detail: "The JSON API is not configured: no API token is set (Portal:BootstrapApiToken), so every API call is refused. " +
                        "`./portal up` sets one and writes it to .stack/api-token."),
            TokenVerdict.Unavailable => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Token check unavailable",
                detail: "The API token could not be checked because the database is unavailable; try again later."),
            TokenVerdict.Revoked => Unauthorized("invalid_token", "Token revoked", "This token was revoked, or its owner's account is disabled."),
            TokenVerdict.Wrong => Unauthorized("invalid_token", "Invalid token", "The bearer token is not valid for this portal."),
            _ => Unauthorized(null, "Authentication required", "Send the API token in the header `Authorization: Bearer <token>`."),
        };
        await answer.ExecuteAsync(Context);
    }

    private IResult Unauthorized(string? error, string title, string detail)
    {
        Response.Headers.WWWAuthenticate = error is null
            ? $"Bearer realm=\"{ApiTokenAuthentication.Realm}\""
            : $"Bearer realm=\"{ApiTokenAuthentication.Realm}\", error=\"{error}\"";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail);
    }

    private AuthenticateResult Accept(ClaimsPrincipal principal)
    {
        _verdict = TokenVerdict.Accepted;
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>The configured token before any user exists to own it: the local user, with every right.</summary>
    private static ClaimsPrincipal LocalAdmin(ApiSettings settings, string token)
    {
        var name = string.IsNullOrWhiteSpace(settings.LocalUser) ? ActingUser.DefaultName : settings.LocalUser.Trim();
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            // The token itself never leaves this method: the rate limiter keys on a fingerprint of it.
            new(PortalClaims.Token, "bootstrap-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 12)),
        };
        claims.AddRange(Enum.GetNames<Domain.Access.PortalRole>().Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "BootstrapToken"));
    }
}
