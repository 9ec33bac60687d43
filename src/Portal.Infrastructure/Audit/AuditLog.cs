using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Audit;

internal sealed class AuditLog(IDbContextFactory<PortalDbContext> factory, TimeProvider? clock = null) : IAuditLog
{
    public async Task RecordAsync(Caller caller, string action, string subject, object? detail, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEvents.Add(AuditEvent.Record((clock ?? TimeProvider.System).GetUtcNow(), caller, action, subject,
            detail is null ? null : System.Text.Json.JsonSerializer.Serialize(detail)));
        await db.SaveChangesAsync(ct);
    }

    private const int CsvLimit = 100_000;

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = Filter(db, query);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))
            .Select(e => new AuditEntry(e.Id, e.At, e.Actor, e.Action, e.Subject, e.Detail, e.Source, e.ClientAddress))
            .ToListAsync(ct);
        return new AuditPage(items, total);
    }

    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEvents.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    public async Task<string> CsvAsync(AuditQuery query, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await Filter(db, query).OrderBy(e => e.At).ThenBy(e => e.Id).Take(CsvLimit)
            .Select(e => new AuditEntry(e.Id, e.At, e.Actor, e.Action, e.Subject, e.Detail, e.Source, e.ClientAddress))
            .ToListAsync(ct);
        var csv = new StringBuilder("id,at,actor,action,subject,detail,source,client_address\r\n");
        foreach (var row in rows)
        {
            csv.Append(row.Id.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(row.Actor)).Append(',').Append(Field(row.Action)).Append(',')
                .Append(Field(row.Subject)).Append(',').Append(Field(row.Detail ?? "")).Append(',')
                .Append(Field(row.Source ?? "")).Append(',').Append(Field(row.ClientAddress ?? "")).Append("\r\n");
        }

        return csv.ToString();
    }

    private static IQueryable<AuditEvent> Filter(PortalDbContext db, AuditQuery query)
    {
        var rows = db.AuditEvents.AsNoTracking();
        // As the rows were written: a character PostgreSQL cannot store is U+FFFD there, and cannot be sent to it here.
        query = query with
        {
            Actor = query.Actor is null ? null : StorableText.Replace(query.Actor),
            Action = query.Action is null ? null : StorableText.Replace(query.Action),
            Subject = query.Subject is null ? null : StorableText.Replace(query.Subject),
        };
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            rows = rows.Where(e => e.Actor == query.Actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            rows = action.EndsWith('.') ? rows.Where(e => e.Action.StartsWith(action)) : rows.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(query.Subject))
        {
            rows = rows.Where(e => EF.Functions.ILike(e.Subject, "%" + Escape(query.Subject.Trim()) + "%", "\\"));
        }

        if (query.From is { } from)
        {
            rows = rows.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(e => e.At < to);
        }

        return rows;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    /// <summary>Quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused so a spreadsheet never runs it.</summary>
    internal static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
