using Portal.Domain.Access;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Incidents;

/// <summary>
/// Incidents in PostgreSQL, with their timeline, action items, chart snapshot and a revision of the writeup on every
/// change; severity levels and templates. Everyone signed in starts and edits incidents; templates and severity levels
/// are Admins' (a refusal is audited). Edits of the header carry the version they started from and fail with a
/// conflict instead of overwriting; timeline entries and action items are appended and need no version.
/// </summary>
public interface IIncidentStore
{
    Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken ct);

    Task<IncidentDetail?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>
    /// Starts an incident: gathers the evidence (<see cref="IIncidentEvidence"/>), renders the template with it, and stores
    /// the incident, its rule facts, the automatic timeline entries and the chart snapshot in one transaction.
    /// </summary>
    Task<StoreResult<IncidentDetail>> StartAsync(IncidentStart start, Caller caller, CancellationToken ct);

    /// <summary>Title, status, severity and writeup; a new revision. Moving to Resolved sets <see cref="IncidentDetail.ResolvedAt"/>.</summary>
    Task<StoreResult<IncidentDetail>> SaveAsync(IncidentEdit edit, Caller caller, CancellationToken ct);

    Task<StoreResult<TimelineEntry>> AddTimelineAsync(Guid incidentId, TimelineEdit entry, Caller caller, CancellationToken ct);

    /// <summary>Removes an entry (automatic ones too, e.g. an unrelated alert that was picked up).</summary>
    Task<StoreResult<bool>> RemoveTimelineAsync(Guid incidentId, Guid entryId, Caller caller, CancellationToken ct);

    /// <summary>
    /// Reads the related alerts' firing and resolving from <c>ALERTS</c> again over the whole window (from before the
    /// start to the resolving, or now) and adds what the timeline lacks; entries someone removed stay removed. Takes the
    /// chart snapshot again when the new one holds at least as many points. Prometheus failing is an
    /// <see cref="StoreOutcome.Invalid"/> result with the reason; nothing is written then.
    /// </summary>
    Task<StoreResult<TimelineRefresh>> RefreshFromAlertsAsync(Guid incidentId, Caller caller, CancellationToken ct);

    Task<StoreResult<ActionItem>> SaveActionAsync(Guid incidentId, ActionItemEdit item, Caller caller, CancellationToken ct);

    /// <summary>Deletes an action item (written by mistake, or a duplicate); audited with its text.</summary>
    Task<StoreResult<bool>> RemoveActionAsync(Guid incidentId, Guid actionId, Caller caller, CancellationToken ct);

    /// <summary>
    /// Makes an earlier revision's title, severity and writeup current again, as a new revision ("Restored revision N").
    /// The status stays: it is where the incident is now, not part of the writeup. <paramref name="version"/> is the
    /// version read, as for <see cref="SaveAsync"/>.
    /// </summary>
    Task<StoreResult<IncidentDetail>> RestoreRevisionAsync(Guid incidentId, int number, uint version, Caller caller, CancellationToken ct);

    /// <summary>Open action items across incidents: overdue first (oldest due first), then by due date, then undated.</summary>
    Task<IReadOnlyList<OpenActionItem>> OpenActionsAsync(int limit, CancellationToken ct);

    Task<IReadOnlyList<IncidentRevisionInfo>> RevisionsAsync(Guid incidentId, CancellationToken ct);

    Task<IncidentRevision?> RevisionAsync(Guid incidentId, int number, CancellationToken ct);

    /// <summary>Severity levels by rank; the starter set (<see cref="SeverityLevels.Starter"/>) until an Admin saves others.</summary>
    Task<IReadOnlyList<SeverityLevel>> SeverityLevelsAsync(CancellationToken ct);

    /// <summary>Replaces the whole set (Admins only), validated with <see cref="SeverityLevels.Validate"/>.</summary>
    Task<StoreResult<IReadOnlyList<SeverityLevel>>> SaveSeverityLevelsAsync(IReadOnlyList<SeverityLevel> levels, Caller caller, CancellationToken ct);

    /// <summary>Templates by name; the two starter templates are there from the first read.</summary>
    Task<IReadOnlyList<IncidentTemplate>> TemplatesAsync(CancellationToken ct);

    /// <summary>Creates or replaces a template by key (Admins only); the body is checked with <see cref="Placeholders.Validate"/>.</summary>
    Task<StoreResult<IncidentTemplate>> SaveTemplateAsync(IncidentTemplate template, Caller caller, CancellationToken ct);
}
