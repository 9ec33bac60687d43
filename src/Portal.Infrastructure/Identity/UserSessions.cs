using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Identity;

internal sealed class UserSessions(IDbContextFactory<PortalDbContext> factory, TimeProvider clock) : IUserSessions
{
    /// <summary>
    /// No session lives longer than this, however active: the sliding cookie alone would let one last for
    /// ever, and rows older than this can then be deleted without asking whether anyone still uses them.
    /// </summary>
    public static readonly TimeSpan MaximumAge = TimeSpan.FromDays(7);

    public static void Configure(ModelBuilder model)
    {
        model.Entity<SessionRow>(session =>
        {
            session.ToTable("user_sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasColumnName("id").HasMaxLength(64);
            session.Property(s => s.UserId).HasColumnName("user_id");
            session.Property(s => s.CreatedAt).HasColumnName("created_at");
            session.Property(s => s.EndedAt).HasColumnName("ended_at");
            session.HasIndex(s => s.UserId);
            session.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    public async Task<string> StartAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var oldest = now - MaximumAge;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var db = await factory.CreateDbContextAsync(ct);
        // The user's ended and expired sessions go when a new one starts, so the table stays as small as the sessions in use.
        await db.Set<SessionRow>().Where(s => s.UserId == userId && (s.EndedAt != null || s.CreatedAt < oldest)).ExecuteDeleteAsync(ct);
        db.Set<SessionRow>().Add(new SessionRow { Id = id, UserId = userId, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return id;
    }

    public async Task<bool> ActiveAsync(string sessionId, string userId, CancellationToken ct)
    {
        var oldest = clock.GetUtcNow() - MaximumAge;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<SessionRow>().AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null && s.CreatedAt > oldest, ct);
    }

    public async Task EndAsync(string sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Set<SessionRow>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now), ct);
    }
}
