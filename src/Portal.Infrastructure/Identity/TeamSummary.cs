using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Identity;

/// <param name="Members">Users holding the team.</param>
/// <param name="Namespaces">Rule namespaces the team owns.</param>
public sealed record TeamSummary(string Name, string? Description, int Members, int Namespaces, DateTimeOffset CreatedAt);
