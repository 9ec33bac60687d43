using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Infrastructure.Identity;

namespace Portal.Tests.Integration.Security;

/// <summary>Users of a test's own, made straight in the database, with a password and, if asked, an API token.</summary>
internal static class People
{
    public const string Password = "Right-Password-1";

    public static async Task<string> UserAsync(IServiceProvider services, string prefix, params PortalRole[] roles)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser(name);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles.Select(r => r.ToString()))).Succeeded);
        return name;
    }

    /// <summary>A new user with the given roles and one API token; returns the name and the token's secret.</summary>
    public static async Task<(string Name, string Token)> WithTokenAsync(IServiceProvider services, string prefix, params PortalRole[] roles)
    {
        var name = await UserAsync(services, prefix, roles);
        var (_, secret) = await services.GetRequiredService<IApiTokens>().CreateAsync(Caller.Of(name, roles, []), "test", default);
        return (name, secret);
    }

    /// <summary>Runs <paramref name="change"/> on the user through Identity's own manager.</summary>
    public static async Task ChangeAsync(IServiceProvider services, string name, Func<UserManager<PortalUser>, PortalUser, Task<IdentityResult>> change)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(name) ?? throw new InvalidOperationException($"no user {name}");
        Assert.True((await change(users, user)).Succeeded);
    }
}
