using Portal.Domain.Access;
using Portal.Infrastructure.Identity;

namespace Portal.Tests.Unit.Features.Admin;

/// <summary>Users in memory: the caller must be an Admin, as in the real directory; every update remembered.</summary>
internal sealed class FakeUsers : IUserDirectory
{
    public List<UserSummary> Users { get; } = [new("admin", [PortalRole.Admin], [], false), new("ann", [PortalRole.Editor], ["team-a"], false)];

    public List<(Caller Caller, UserEdit Edit)> Updates { get; } = [];

    public Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<UserSummary>>(Users.ToList());

    public Task<IReadOnlyList<(string Field, string Message)>> CreateAsync(Caller caller, UserEdit user, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(user.Password))
        {
            return Task.FromResult<IReadOnlyList<(string, string)>>([("password", "Give the user an initial password")]);
        }

        Users.Add(new UserSummary(user.Name, user.Roles, user.Teams, false));
        return Task.FromResult<IReadOnlyList<(string, string)>>([]);
    }

    public Task<IReadOnlyList<(string Field, string Message)>> UpdateAsync(Caller caller, UserEdit user, CancellationToken ct)
    {
        Updates.Add((caller, user));
        var index = Users.FindIndex(u => u.Name == user.Name);
        Users[index] = new UserSummary(user.Name, user.Roles, user.Teams, false);
        return Task.FromResult<IReadOnlyList<(string, string)>>([]);
    }
}
