using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;

namespace Portal.Infrastructure.Identity;

/// <summary>A user as the Admin page edits it.</summary>
public sealed record UserEdit(string Name, IReadOnlyList<PortalRole> Roles, IReadOnlyList<string> Teams, string? Password = null);
