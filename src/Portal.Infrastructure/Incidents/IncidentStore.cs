using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Incidents;

/// <summary>
/// Incidents in PostgreSQL: reads here, starting in IncidentStore.Start.cs, edits of the header, timeline and action
/// items in IncidentStore.Writes.cs, severity levels and templates in IncidentStore.Settings.cs.
/// </summary>
/// <param name="evidence">Null where no evidence source is registered: incidents then start from what the caller gave alone.</param>
internal sealed partial class IncidentStore(
    IDbContextFactory<PortalDbContext> factory,
    TimeProvider clock,
    Access.AccessGuard guard,
    IIncidentEvidence evidence,
    Cluster.IChangeFeed? changes = null) : IIncidentStore
{
    private const int ActorLength = 200;

    /// <summary>The facts and the chart as jsonb: a chart's gaps are NaN, which JSON has no number for.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public async Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, IncidentQuery.MaxPageSize);
        // A page past any sane list costs nothing to refuse: the offset would be read and thrown away.
        var page = Math.Clamp(query.Page, 1, 100_000);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = db.Incidents.AsNoTracking();
        if (query.Status is { } status)
        {
            var name = status.ToString();
            rows = rows.Where(r => r.Status == name);
        }

        if (!string.IsNullOrWhiteSpace(query.Severity))
        {
            var severity = query.Severity.Trim();
            rows = rows.Where(r => r.Severity == severity);
        }

        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            var team = query.Team.Trim();
            rows = rows.Where(r => r.Team == team);
        }

        if (query.Since is { } since)
        {
            rows = rows.Where(r => r.StartedAt >= since);
        }

        if (query.Until is { } until)
        {
            rows = rows.Where(r => r.StartedAt < until);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            text = text.Length <= IncidentQuery.MaxTextLength ? text : text[..IncidentQuery.MaxTextLength];
            if (!StorableText.IsStorable(text))
            {
                return new IncidentPage([], 0, page, pageSize);
            }

            rows = rows.Where(r => EF.Property<NpgsqlTypes.NpgsqlTsVector>(r, "SearchVector")
                .Matches(EF.Functions.WebSearchToTsQuery(SearchConfig, text)));
        }

        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Number)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new
            {
                r.Id, r.Number, r.Title, r.Status, r.Severity, r.Team, r.AlertName, r.StartedAt, r.ResolvedAt, r.UpdatedAt,
                Open = db.IncidentActions.Count(a => a.IncidentId == r.Id && a.IsOpen),
            })
            .ToListAsync(ct);
        return new IncidentPage(
            items.Select(r => new IncidentSummary(r.Id, r.Number, r.Title, ParseStatus(r.Status), r.Severity, r.Team, r.AlertName,
                r.StartedAt, r.ResolvedAt, r.UpdatedAt, r.Open)).ToList(),
            total, page, pageSize);
    }

    // EF needs the configuration as a constant of the query, not a captured field, to pass it as regconfig.
    private const string SearchConfig = IncidentModel.SearchConfig;

    public async Task<IncidentDetail?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await DetailAsync(db, id, ct);
    }

    public async Task<IReadOnlyList<OpenActionItem>> OpenActionsAsync(int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, IncidentBounds.MaxOpenActions);
        await using var db = await factory.CreateDbContextAsync(ct);
        // Ascending due date puts the overdue ones (the oldest due) first; undated items come last.
        var rows = await db.IncidentActions.AsNoTracking().Where(a => a.IsOpen)
            .OrderBy(a => a.Due == null).ThenBy(a => a.Due).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Take(limit)
            .Join(db.Incidents, a => a.IncidentId, i => i.Id, (a, i) => new { Action = a, i.Number, i.Title })
            .ToListAsync(ct);
        return rows.Select(r => new OpenActionItem(Action(r.Action), r.Action.IncidentId, r.Number, r.Title)).ToList();
    }

    public async Task<IReadOnlyList<IncidentRevisionInfo>> RevisionsAsync(Guid incidentId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.IncidentRevisions.AsNoTracking().Where(r => r.IncidentId == incidentId).OrderByDescending(r => r.Number)
            .Select(r => new IncidentRevisionInfo(r.Number, r.At, r.By, r.Reason, r.Title))
            .ToListAsync(ct);
    }

    public async Task<IncidentRevision?> RevisionAsync(Guid incidentId, int number, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.IncidentRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.IncidentId == incidentId && r.Number == number, ct);
        return r is null ? null : new IncidentRevision(r.Number, r.At, r.By, r.Reason, r.Title, ParseStatus(r.Status), r.Severity, r.Body);
    }

    private static async Task<IncidentDetail?> DetailAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var row = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null)
        {
            return null;
        }

        var timeline = await db.IncidentTimeline.AsNoTracking().Where(t => t.IncidentId == id)
            .OrderBy(t => t.At).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(ct);
        var actions = await db.IncidentActions.AsNoTracking().Where(a => a.IncidentId == id)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
        return Detail(row, timeline, actions);
    }

    private static IncidentDetail Detail(IncidentRow r, IEnumerable<TimelineEntryRow> timeline, IEnumerable<ActionItemRow> actions) =>
        new(r.Id, r.Number, r.Title, ParseStatus(r.Status), r.Severity, r.Team, r.TemplateKey, r.Body, r.StartedAt, r.ResolvedAt,
            Read<RuleFacts>(r.RuleFacts), Read<AlertFacts>(r.AlertFacts),
            timeline.Select(Entry).ToList(), actions.Select(Action).ToList(), Read<ChartSnapshot>(r.Chart),
            r.Revision, r.CreatedAt, r.CreatedBy, r.UpdatedAt, r.UpdatedBy, r.Version);

    private static TimelineEntry Entry(TimelineEntryRow t) =>
        new(t.Id, t.At, Enum.TryParse<TimelineKind>(t.Kind, out var kind) ? kind : TimelineKind.Note, t.Text, t.Automatic, t.By);

    private static ActionItem Action(ActionItemRow a) =>
        new(a.Id, a.Text, a.Owner, a.Due, Enum.TryParse<ActionItemStatus>(a.Status, out var status) ? status : ActionItemStatus.Open, a.Link);

    private static IncidentStatus ParseStatus(string status) =>
        Enum.TryParse<IncidentStatus>(status, out var parsed) ? parsed : IncidentStatus.Investigating;

    private static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Json);

    /// <summary>
    /// The value as jsonb takes it. Prometheus allows a NUL in a label value and jsonb refuses one, so it is kept as U+FFFD
    /// instead of failing the start; a lone surrogate the serializer already writes as U+FFFD.
    /// </summary>
    private static string? Write<T>(T? value) where T : class =>
        value is null ? null : EscapedNul.Replace(JsonSerializer.Serialize(value, Json), "$1\\uFFFD");

    // \u0000 as the serializer escapes a NUL, not as part of an escaped backslash followed by "u0000".
    private static readonly System.Text.RegularExpressions.Regex EscapedNul =
        new(@"(?<!\\)((?:\\\\)*)\\u0000", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));

    /// <summary>Now, to the microsecond PostgreSQL keeps: what a write returns equals what a later read finds.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    private static DateTimeOffset Micro(DateTimeOffset at) => at.ToUniversalTime().AddTicks(-(at.Ticks % 10));

    private static string Actor(Caller caller) => Audit.AuditText.Fit(caller.Name, ActorLength);

    /// <summary>A problem with a time: before 2000 or more than a day ahead is a mistake, not an incident.</summary>
    private FieldError? TimeProblem(string field, DateTimeOffset at)
    {
        if (at < IncidentBounds.EarliestTime)
        {
            return new FieldError(field, $"The time {at:u} is before 2000; give the time it happened.");
        }

        return at > clock.GetUtcNow() + IncidentBounds.MaxAhead
            ? new FieldError(field, $"The time {at:u} is more than a day ahead; give the time it happened.")
            : null;
    }

    private static IEnumerable<FieldError> Checked(params (string Field, string? Value)[] values) =>
        values.Select(v => StorableText.Check(v.Field, v.Value)).OfType<FieldError>();

    private static FieldError? TooLong(string field, string? value, int max, string what) =>
        value is not null && value.Length > max ? new FieldError(field, $"The {what} has {value.Length} characters; at most {max}.") : null;

    private static StoreResult<T> NoIncident<T>(Guid id) =>
        new(StoreOutcome.NotFound, default, [new FieldError("id", $"There is no incident {id}.")]);
}
