using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Identity;

internal sealed class ApiTokens(IDbContextFactory<PortalDbContext> factory, TimeProvider clock) : IApiTokens
{
    private const string Prefix = "arp_";

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userName, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await UserAsync(db, userName, ct);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenInfo(t.Id, t.Name, t.Hint, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);
    }

    public async Task<(ApiTokenInfo Info, string Secret)> CreateAsync(Caller owner, string name, CancellationToken ct)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var info = await StoreAsync(owner, name, secret, ct);
        return (info, secret);
    }

    public async Task<bool> RevokeAsync(Caller owner, Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await UserAsync(db, owner.Name, ct);
        var row = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == user.Id && t.RevokedAt == null, ct);
        if (row is null)
        {
            return false;
        }

        row.RevokedAt = clock.GetUtcNow();
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), owner, "token.revoke", $"token {row.Hint}"));
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<ClaimsPrincipal?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(presented))
        {
            return null;
        }

        var hash = Hash(presented.Trim());
        await using var db = await factory.CreateDbContextAsync(ct);
        // The token, its owner, the owner's roles and teams in one round trip: this runs before every API call.
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new
            {
                t.Id,
                t.LastUsedAt,
                u.UserName,
                UserId = u.Id,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                Teams = db.UserClaims.Where(c => c.UserId == u.Id && c.ClaimType == PortalClaims.Team).Select(c => c.ClaimValue!).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        // A lockout after wrong passwords guards the password, not the tokens: anyone can type five wrong
        // passwords, and the owner's automation must not stop for it. A disabled account's tokens stop.
        if (found is null || PortalUser.Disables(found.LockoutEnd))
        {
            return null;
        }

        // Last use at minute granularity: a busy script must not turn every call into a write.
        var now = clock.GetUtcNow();
        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), ct);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, found.UserName!), new(ClaimTypes.NameIdentifier, found.UserId), new(PortalClaims.Token, found.Id.ToString("N")),
        };
        claims.AddRange(found.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(found.Teams.Select(t => new Claim(PortalClaims.Team, t)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "ApiToken"));
    }

    public async Task<bool> IssuedAsync(string presented, CancellationToken ct)
    {
        var hash = Hash(presented.Trim());
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ApiTokens.AnyAsync(t => t.Hash == hash, ct);
    }

    public async Task EnsureAsync(string userName, string name, string secret, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var hash = Hash(secret.Trim());
        if (!await db.ApiTokens.AnyAsync(t => t.Hash == hash, ct))
        {
            await StoreAsync(Caller.System(userName), name, secret.Trim(), ct);
        }
    }

    private async Task<ApiTokenInfo> StoreAsync(Caller owner, string name, string secret, CancellationToken ct)
    {
        var trimmed = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim();
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await UserAsync(db, owner.Name, ct);
        var row = new ApiTokenRow
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Name = trimmed.Length > 100 ? trimmed[..100] : trimmed,
            Hash = Hash(secret),
            Hint = secret[..Math.Min(8, secret.Length)] + "…",
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiTokens.Add(row);
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), owner, "token.create", $"token {row.Hint}",
            System.Text.Json.JsonSerializer.Serialize(new { name = row.Name })));
        await db.SaveChangesAsync(ct);
        return new ApiTokenInfo(row.Id, row.Name, row.Hint, row.CreatedAt, null, null);
    }

    private static async Task<PortalUser> UserAsync(PortalDbContext db, string userName, CancellationToken ct) =>
        // Identity stores the upper-cased name, and the comparison runs in SQL, where string.Equals with a comparison
        // (what CA1862 suggests) does not translate.
#pragma warning disable CA1862
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == userName.ToUpperInvariant(), ct)
#pragma warning restore CA1862
        ?? throw new InvalidOperationException($"There is no user {userName}.");

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
