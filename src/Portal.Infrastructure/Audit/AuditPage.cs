using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total);
