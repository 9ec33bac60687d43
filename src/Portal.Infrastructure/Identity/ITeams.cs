using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// Teams: what owns namespaces (and later runbooks and capacity models) and what an Editor edits for.
/// Admins create, describe and delete them and hand namespaces from one team to another; every write is
/// checked and audited here. A user's team and a namespace's owner must name a team that exists.
/// </summary>
public interface ITeams
{
    /// <summary>How a create that lost a race to an identical one ends its message.</summary>
    const string CreatedMeanwhile = "was created by someone else at the same moment; nothing was written.";

    Task<IReadOnlyList<TeamSummary>> ListAsync(CancellationToken ct);

    /// <summary>The problems per field (<c>name</c>, <c>description</c>, <c>access</c>), none when created.</summary>
    Task<IReadOnlyList<(string Field, string Message)>> CreateAsync(Caller caller, string name, string? description, CancellationToken ct);

    /// <summary>Deletes a team nobody holds and that owns nothing; otherwise says what still uses it.</summary>
    Task<IReadOnlyList<(string Field, string Message)>> DeleteAsync(Caller caller, string name, CancellationToken ct);

    /// <summary>Gives a namespace to another (existing) team: its Editors change the rules from then on.</summary>
    Task<IReadOnlyList<(string Field, string Message)>> AssignNamespaceAsync(Caller caller, string @namespace, string team, CancellationToken ct);
}
