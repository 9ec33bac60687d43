using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Portal.Api.V1;

public enum TokenVerdict
{
    Accepted,
    /// <summary>No token is configured: the API stays closed rather than open by default.</summary>
    NotConfigured,
    Missing,
    Wrong,
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

/// <summary>Refuses every /api/v1 call without the right bearer token, before the handler reads anything.</summary>
public sealed class ApiTokenFilter(IOptionsMonitor<ApiSettings> settings, Infrastructure.Identity.IApiTokens tokens) : IEndpointFilter
{
    public const string Realm = "alert-rule-portal";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // A personal token (the bootstrap token becomes the first admin's): the call carries its owner's rights.
        if (ApiToken.Bearer(http.Request.Headers.Authorization) is { Length: > 0 } presented)
        {
            if (await tokens.AuthenticateAsync(presented, http.RequestAborted) is { } owner)
            {
                http.User = owner;
                return await next(context);
            }

            // Issued once and since revoked (the bootstrap token too): refused, whatever the configuration says.
            if (await tokens.IssuedAsync(presented, http.RequestAborted))
            {
                http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\", error=\"invalid_token\"";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Token revoked", detail: "This token was revoked by its owner.");
            }
        }

        switch (ApiToken.Check(settings.CurrentValue.BootstrapApiToken, http.Request.Headers.Authorization))
        {
            case TokenVerdict.Accepted:
                // The configured token before any user exists to own it: the local user, with every right.
                http.User = LocalAdmin(settings.CurrentValue);
                return await next(context);
            case TokenVerdict.NotConfigured:
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "API not configured",
                    detail: "The JSON API is not configured: no API token is set (Portal:BootstrapApiToken), so every API call is refused. " +
                            "`./portal up` sets one and writes it to .stack/api-token.");
            case TokenVerdict.Missing:
                http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\"";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
                    detail: "Send the API token in the header `Authorization: Bearer <token>`.");
            default:
                http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\", error=\"invalid_token\"";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid token",
                    detail: "The bearer token is not valid for this portal.");
        }
    }

    private static System.Security.Claims.ClaimsPrincipal LocalAdmin(ApiSettings settings)
    {
        var name = string.IsNullOrWhiteSpace(settings.LocalUser) ? ActingUser.DefaultName : settings.LocalUser.Trim();
        var claims = new List<System.Security.Claims.Claim> { new(System.Security.Claims.ClaimTypes.Name, name) };
        claims.AddRange(Enum.GetNames<Domain.Access.PortalRole>().Select(r => new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, r)));
        return new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(claims, "BootstrapToken"));
    }
}
