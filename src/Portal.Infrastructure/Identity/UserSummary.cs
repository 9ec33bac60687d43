using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;

namespace Portal.Infrastructure.Identity;

public sealed record UserSummary(string Name, IReadOnlyList<PortalRole> Roles, IReadOnlyList<string> Teams, bool LockedOut);
