using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Security;

/// <summary>Why an attempt was refused: which budget ran out (<c>address</c> or <c>user</c>) and how long until it refills.</summary>
public sealed record SignInRefusal(string Limit, TimeSpan RetryAfter);

/// <summary>
/// The budget of <see cref="RateLimits.SignIn"/>: each attempt takes a permit of the client's address, then
/// one of the user name tried. Many names from one address run out of the first (a generous budget, since an
/// address may be many people's); one name from many addresses (spraying past the per-address limit) out of
/// the second, also for names that have no account and so no lockout.
/// </summary>
public sealed class SignInThrottle(IOptionsMonitor<RateLimitSettings> settings) : IDisposable
{
    private const string AddressLimit = "address";
    private const string UserLimit = "user";

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimits.FixedWindow(key, key.StartsWith(AddressLimit + ":", StringComparison.Ordinal) ? settings.CurrentValue.SignInPerAddress : settings.CurrentValue.SignIn));

    /// <summary>Null when the attempt may go ahead (and is counted); otherwise the refusal.</summary>
    public SignInRefusal? Attempt(string? address, string userName)
    {
        foreach (var (limit, key) in new[] { (AddressLimit, address ?? "unknown"), (UserLimit, NameKey(userName)) })
        {
            using var lease = _limiter.AttemptAcquire(limit + ":" + key);
            if (!lease.IsAcquired)
            {
                var window = limit == AddressLimit ? settings.CurrentValue.SignInPerAddress.Window : settings.CurrentValue.SignIn.Window;
                return new SignInRefusal(limit, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window);
            }
        }

        return null;
    }

    /// <summary>
    /// Identity compares user names upper-cased, so "Admin" and "admin" are one account and one budget. A name
    /// longer than any account's is kept as a hash: a stranger's 100,000-character names must not fill memory.
    /// </summary>
    internal static string NameKey(string userName)
    {
        var name = userName.Trim().ToUpperInvariant();
        return name.Length <= SignInNames.MaximumLength ? name
            : "#" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
    }

    public void Dispose() => _limiter.Dispose();
}
