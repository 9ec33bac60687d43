using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Security;

/// <summary>Why an attempt was refused: which budget ran out (<c>address</c> or <c>user</c>) and how long until it refills.</summary>
public sealed record SignInRefusal(string Limit, TimeSpan RetryAfter);

/// <summary>
/// The budget of <see cref="RateLimits.SignIn"/>: each attempt takes a permit of the client's address, then
/// one of the user name tried. Many names from one address run out of the first; one name from many
/// addresses (spraying past the per-address limit) out of the second, also for names that have no account
/// and so no lockout.
/// </summary>
public sealed class SignInThrottle(IOptionsMonitor<RateLimitSettings> settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter =
        PartitionedRateLimiter.Create<string, string>(key => RateLimits.FixedWindow(key, settings.CurrentValue.SignIn));

    /// <summary>Null when the attempt may go ahead (and is counted); otherwise the refusal.</summary>
    public SignInRefusal? Attempt(string? address, string userName)
    {
        // Identity compares user names upper-cased, so "Admin" and "admin" are one account and one budget.
        foreach (var (limit, key) in new[] { ("address", address ?? "unknown"), ("user", userName.Trim().ToUpperInvariant()) })
        {
            using var lease = _limiter.AttemptAcquire(limit + ":" + key);
            if (!lease.IsAcquired)
            {
                return new SignInRefusal(limit, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.CurrentValue.SignIn.Window);
            }
        }

        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
