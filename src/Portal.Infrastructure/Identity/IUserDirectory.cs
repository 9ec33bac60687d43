using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;

namespace Portal.Infrastructure.Identity;

/// <summary>Users, their roles and teams. Every write checks the caller is an Admin and is audited, refusals too.</summary>
public interface IUserDirectory
{
    Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct);

    /// <summary>Creates a user with an initial password; the problems are said per field (name, password, teams).</summary>
    Task<IReadOnlyList<(string Field, string Message)>> CreateAsync(Caller caller, UserEdit user, CancellationToken ct);

    /// <summary>Replaces a user's roles and teams; their open sessions notice within a minute (security stamp).</summary>
    Task<IReadOnlyList<(string Field, string Message)>> UpdateAsync(Caller caller, UserEdit user, CancellationToken ct);
}
