using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Identity;

namespace Portal.Tests.Integration.Api;

/// <summary>Users, roles and teams on a migrated database: only Admins change them, and a change ends open sessions.</summary>
public sealed class UserDirectoryTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private static readonly Caller Admin = Caller.Of(ApiPortal.Admin, [PortalRole.Admin], []);

    private IUserDirectory Directory => api.Portal.Services.GetRequiredService<IUserDirectory>();

    private static string NewName() => "user-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task AnAdmin_AddsAUser_WithRolesAndTeams_ThatCanSignIn()
    {
        var name = NewName();

        var problems = await Directory.CreateAsync(Admin, new UserEdit(name, [PortalRole.Editor], ["team-a"], "a-good-initial-password"), default);

        Assert.Empty(problems);
        var user = (await Directory.ListAsync(default)).Single(u => u.Name == name);
        Assert.Equal([PortalRole.Editor], user.Roles);
        Assert.Equal(["team-a"], user.Teams);
        await using var scope = api.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync(name))!, "a-good-initial-password"));
    }

    [Fact]
    public async Task ChangingRoles_RenewsTheSecurityStamp_SoOpenSessionsEnd()
    {
        var name = NewName();
        Assert.Empty(await Directory.CreateAsync(Admin, new UserEdit(name, [PortalRole.Publisher], [], "a-good-initial-password"), default));
        await using var scope = api.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var stamp = await users.GetSecurityStampAsync((await users.FindByNameAsync(name))!);

        Assert.Empty(await Directory.UpdateAsync(Admin, new UserEdit(name, [PortalRole.Viewer], ["team-b"]), default));

        await using var after = api.Portal.Services.CreateAsyncScope();
        var fresh = after.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.NotEqual(stamp, await fresh.GetSecurityStampAsync((await fresh.FindByNameAsync(name))!));
        Assert.Equal([PortalRole.Viewer], (await Directory.ListAsync(default)).Single(u => u.Name == name).Roles);
    }

    [Fact]
    public async Task NonAdmins_AreRefused_AndTheRefusalIsAudited_BadInputIsSaidPerField()
    {
        var editor = Caller.Of("eddie-" + Guid.NewGuid().ToString("N")[..6], [PortalRole.Editor, PortalRole.Publisher], ["team-a"]);

        var refused = await Directory.CreateAsync(editor, new UserEdit(NewName(), [PortalRole.Admin], [], "a-good-initial-password"), default);
        var badInput = await Directory.CreateAsync(Admin, new UserEdit("Not A Name", [], ["Team A"], ""), default);
        var selfDemotion = await Directory.UpdateAsync(Admin, new UserEdit(ApiPortal.Admin, [PortalRole.Viewer], []), default);

        Assert.Contains("Admin role", Assert.Single(refused).Message);
        Assert.Equal(["name", "password", "teams"], badInput.Select(p => p.Field).Order());
        Assert.Equal("roles", Assert.Single(selfDemotion).Field);
        var audit = await api.Portal.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: editor.Name), default);
        Assert.Equal("denied.user.create", Assert.Single(audit.Items).Action);
    }
}
