using Portal.Domain.Access;
using Portal.Infrastructure.Identity;

namespace Portal.Tests.Unit.Features.Admin;

/// <summary>Teams in memory: only Admins change them, as in the real store; names must be new.</summary>
internal sealed class FakeTeams : ITeams
{
    public List<TeamSummary> Teams { get; } = [new("team-a", "the first team", 1, 1, DateTimeOffset.UnixEpoch), new("team-b", null, 0, 0, DateTimeOffset.UnixEpoch)];

    public List<(string Namespace, string Team)> Assignments { get; } = [];

    public Task<IReadOnlyList<TeamSummary>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<TeamSummary>>(Teams.ToList());

    public Task<IReadOnlyList<(string Field, string Message)>> CreateAsync(Caller caller, string name, string? description, CancellationToken ct)
    {
        IReadOnlyList<(string, string)> problems = !caller.IsAdmin ? [("access", "Managing teams needs the Admin role.")]
            : string.IsNullOrWhiteSpace(name) ? [("name", "A team name uses lower-case letters.")]
            : Teams.Any(t => t.Name == name.Trim()) ? [("name", $"Team {name.Trim()} exists already.")]
            : [];
        if (problems.Count == 0)
        {
            Teams.Add(new TeamSummary(name.Trim(), description, 0, 0, DateTimeOffset.UnixEpoch));
        }

        return Task.FromResult(problems);
    }

    public Task<IReadOnlyList<(string Field, string Message)>> DeleteAsync(Caller caller, string name, CancellationToken ct)
    {
        Teams.RemoveAll(t => t.Name == name);
        return Task.FromResult<IReadOnlyList<(string, string)>>([]);
    }

    public Task<IReadOnlyList<(string Field, string Message)>> AssignNamespaceAsync(Caller caller, string @namespace, string team, CancellationToken ct)
    {
        Assignments.Add((@namespace, team));
        return Task.FromResult<IReadOnlyList<(string, string)>>([]);
    }
}
