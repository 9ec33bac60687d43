using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Access;

namespace Portal.Infrastructure.Identity;

public sealed class AdminOptions
{
    public const string Section = "Portal:Admin";

    public string UserName { get; set; } = "admin";

    /// <summary>The first admin's password, for production. Without it the portal makes one up (see <see cref="PasswordFile"/>).</summary>
    public string? Password { get; set; }

    /// <summary>Where a made-up first password is written (mode 600); <c>./portal</c> points it at <c>.stack/admin-password</c>.</summary>
    public string? PasswordFile { get; set; }
}
