using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Audit;

/// <param name="Source"><c>ui</c>, <c>api</c> or <c>system</c>; null on entries older than the column.</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string? Detail, string? Source = null, string? ClientAddress = null);
