using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;

namespace Portal.Infrastructure.Identity;

/// <summary>Personal API tokens: created and revoked by their owner, stored as SHA-256 hashes, carrying the owner's rights.</summary>
public interface IApiTokens
{
    Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userName, CancellationToken ct);

    /// <summary>Creates a token for the caller, who owns it; the returned secret is the only time anyone sees it.</summary>
    Task<(ApiTokenInfo Info, string Secret)> CreateAsync(Caller owner, string name, CancellationToken ct);

    /// <summary>Revokes one of the caller's own tokens; false when the caller has no such live token.</summary>
    Task<bool> RevokeAsync(Caller owner, Guid id, CancellationToken ct);

    /// <summary>The principal a presented token stands for (name, roles, teams), or null for an unknown or revoked token.</summary>
    Task<ClaimsPrincipal?> AuthenticateAsync(string presented, CancellationToken ct);

    /// <summary>Whether the portal ever issued this token (revoked ones included).</summary>
    Task<bool> IssuedAsync(string presented, CancellationToken ct);

    /// <summary>Makes <paramref name="secret"/> a token of <paramref name="userName"/> unless it is one already (the bootstrap token).</summary>
    Task EnsureAsync(string userName, string name, string secret, CancellationToken ct);
}
