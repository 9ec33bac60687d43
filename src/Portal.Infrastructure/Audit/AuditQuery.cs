using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Audit;

/// <summary>Filters of the audit page and its CSV export; every one optional.</summary>
/// <param name="Action">An action (<c>rule.update</c>) or its prefix (<c>rule.</c>).</param>
/// <param name="Subject">Text the subject contains (a namespace, a rule, a release).</param>
public sealed record AuditQuery(string? Actor = null, string? Action = null, string? Subject = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Skip = 0, int Take = 100);
