using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// Sign-in sessions kept on the server: a cookie names its session, and a session that was ended (signed
/// out) or has grown too old refuses the cookie, wherever it was copied to.
/// </summary>
public interface IUserSessions
{
    /// <summary>Records a new session of the user and returns its id, which goes into the cookie.</summary>
    Task<string> StartAsync(string userId, CancellationToken ct);

    /// <summary>Whether the session exists, belongs to the user, has not ended and is younger than <see cref="UserSessions.MaximumAge"/>.</summary>
    Task<bool> ActiveAsync(string sessionId, string userId, CancellationToken ct);

    /// <summary>Ends the session for good; a cookie naming it is refused from now on.</summary>
    Task EndAsync(string sessionId, CancellationToken ct);
}
