using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Access;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// Makes the roles exist and, on a database without users, the first admin: with the configured password,
/// or a generated one written to <see cref="AdminOptions.PasswordFile"/>. There is no default password.
/// </summary>
public sealed class IdentityBootstrap(
    IServiceScopeFactory scopes,
    IOptions<AdminOptions> options,
    IApiTokens tokens,
    Microsoft.Extensions.Configuration.IConfiguration configuration,
    ILogger<IdentityBootstrap> log)
{
    // The background service retries while a caller (migrate, a test fixture) may run the same steps: one at a
    // time, or both see no admin and the second insert fails on the unique user name (or token hash).
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task EnsureAsync(CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            await EnsureOnceAsync(ct);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task EnsureOnceAsync(CancellationToken ct)
    {
        await EnsureAdminAsync(ct);

        // The API token ./portal writes to .stack/api-token becomes the first admin's own token.
        if (configuration["Portal:BootstrapApiToken"] is { Length: > 0 } bootstrap)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            if (await users.FindByNameAsync(options.Value.UserName) is not null)
            {
                await tokens.EnsureAsync(options.Value.UserName, "bootstrap token (.stack/api-token)", bootstrap, ct);
            }
        }
    }

    private async Task EnsureAdminAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Enum.GetNames<PortalRole>())
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (users.Users.Any())
        {
            return;
        }

        var settings = options.Value;
        var password = settings.Password;
        if (string.IsNullOrEmpty(password))
        {
            if (string.IsNullOrEmpty(settings.PasswordFile))
            {
                log.LogError("No users exist and neither Portal:Admin:Password nor Portal:Admin:PasswordFile is set: nobody can sign in until one is.");
                return;
            }

            password = Generate();
        }

        var admin = new PortalUser(settings.UserName);
        Check(await users.CreateAsync(admin, password), $"create the first admin {settings.UserName}");
        Check(await users.AddToRolesAsync(admin, Enum.GetNames<PortalRole>()), "give the first admin every role");
        if (string.IsNullOrEmpty(settings.Password))
        {
            await WriteSecretAsync(settings.PasswordFile!, password, ct);
            log.LogWarning("Created the first admin {User}; the password is in {File} (readable by this user only)", settings.UserName, settings.PasswordFile);
        }
        else
        {
            log.LogInformation("Created the first admin {User} with the configured password", settings.UserName);
        }
    }

    /// <summary>Twenty characters from a 62-letter alphabet (≈119 bits), plus a fixed tail so every password policy is met.</summary>
    private static string Generate() => RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) + "-7a";

    private static async Task WriteSecretAsync(string path, string secret, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(secret.AsMemory(), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
