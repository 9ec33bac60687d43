using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Incidents;

internal sealed partial class IncidentStore
{
    /// <summary>The kinds people write; the alert kinds come from Prometheus alone.</summary>
    private static readonly TimelineKind[] WrittenKinds =
        [TimelineKind.Detected, TimelineKind.Acknowledged, TimelineKind.Mitigated, TimelineKind.Resolved, TimelineKind.StatusUpdate, TimelineKind.Note];

    public async Task<StoreResult<IncidentDetail>> SaveAsync(IncidentEdit edit, Caller caller, CancellationToken ct)
    {
        var title = (edit.Title ?? "").Trim();
        var body = edit.Body ?? "";
        var reason = string.IsNullOrWhiteSpace(edit.Reason) ? null : edit.Reason.Trim();
        var errors = Checked(("title", title), ("severity", edit.Severity), ("body", body), ("reason", reason)).ToList();
        if (title.Length == 0)
        {
            errors.Add(new FieldError("title", "Give the incident a title."));
        }

        errors.AddRange(new[]
        {
            TooLong("title", title, IncidentBounds.MaxTitle, "title"),
            TooLong("body", body, IncidentBounds.MaxBody, "writeup"),
            TooLong("reason", reason, IncidentBounds.MaxReason, "reason"),
        }.OfType<FieldError>());
        if (!Enum.IsDefined(edit.Status))
        {
            errors.Add(new FieldError("status", $"\"{edit.Status}\" is not a status; one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}."));
        }

        if (errors.Count > 0)
        {
            return StoreResult<IncidentDetail>.Invalid(errors);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Incidents.FirstOrDefaultAsync(r => r.Id == edit.Id, ct);
        if (row is null)
        {
            return NoIncident<IncidentDetail>(edit.Id);
        }

        if (await guard.CheckAsync(caller, PortalAction.EditIncidents, "incident.update", $"INC-{row.Number}") is { Allowed: false } decision)
        {
            return StoreResult<IncidentDetail>.Forbidden(decision.Reason);
        }

        var levels = await SeverityLevelsAsync(ct);
        var severity = levels.FirstOrDefault(l => string.Equals(l.Name, (edit.Severity ?? "").Trim(), StringComparison.OrdinalIgnoreCase))?.Name;
        // An incident keeps a level an Admin has since removed, as long as nobody changes it.
        if (severity is null && string.Equals(row.Severity, edit.Severity, StringComparison.Ordinal))
        {
            severity = row.Severity;
        }

        if (severity is null)
        {
            return StoreResult<IncidentDetail>.Invalid("severity", $"There is no severity level \"{Fit(edit.Severity, 50)}\"; the levels are {string.Join(", ", levels.Select(l => l.Name))}.");
        }

        if (row.Version != edit.Version)
        {
            return StoreResult<IncidentDetail>.Conflict(null);
        }

        var status = edit.Status.ToString();
        if (row.Title == title && row.Status == status && row.Severity == severity && row.Body == body)
        {
            return StoreResult<IncidentDetail>.Ok((await DetailAsync(db, row.Id, ct))!, changed: false);
        }

        var now = Now();
        var wasResolved = row.Status == nameof(IncidentStatus.Resolved);
        var before = new { row.Title, row.Status, row.Severity };
        db.Entry(row).Property(r => r.Version).OriginalValue = edit.Version;
        (row.Title, row.Status, row.Severity, row.Body) = (title, status, severity, body);
        (row.UpdatedAt, row.UpdatedBy) = (now, Actor(caller));
        row.Revision++;
        db.IncidentRevisions.Add(Revision(row, now, reason));
        if (edit.Status == IncidentStatus.Resolved && !wasResolved)
        {
            row.ResolvedAt = now;
            // The timeline says when it was resolved unless someone wrote that already.
            var kind = nameof(TimelineKind.Resolved);
            if (!await db.IncidentTimeline.AnyAsync(t => t.IncidentId == row.Id && t.Kind == kind, ct))
            {
                db.IncidentTimeline.Add(new TimelineEntryRow
                {
                    Id = Guid.NewGuid(), IncidentId = row.Id, At = now, Kind = kind, Text = "Resolved.", By = Actor(caller), CreatedAt = now,
                });
            }
        }
        else if (edit.Status != IncidentStatus.Resolved)
        {
            row.ResolvedAt = null;
        }

        db.AuditEvents.Add(AuditEvent.Record(now, caller, "incident.update", $"INC-{row.Number}", JsonSerializer.Serialize(new
        {
            revision = row.Revision, reason, before, after = new { row.Title, row.Status, row.Severity },
        })));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StoreResult<IncidentDetail>.Conflict(null);
        }

        changes.Announce(Cluster.ChangeKinds.Incident, row.Id.ToString(), caller.Name, row.Version);
        return StoreResult<IncidentDetail>.Ok((await DetailAsync(db, row.Id, ct))!);
    }

    public async Task<StoreResult<TimelineEntry>> AddTimelineAsync(Guid incidentId, TimelineEdit entry, Caller caller, CancellationToken ct)
    {
        var text = (entry.Text ?? "").Trim();
        var at = Micro(entry.At ?? Now());
        var errors = Checked(("text", text)).ToList();
        if (!WrittenKinds.Contains(entry.Kind))
        {
            errors.Add(new FieldError("kind", $"\"{entry.Kind}\" entries come from Prometheus; write one of {string.Join(", ", WrittenKinds)}."));
        }

        if (text.Length == 0)
        {
            errors.Add(new FieldError("text", "Say what happened."));
        }

        errors.AddRange(new[] { TooLong("text", text, IncidentBounds.MaxTimelineText, "text"), TimeProblem("at", at) }.OfType<FieldError>());
        if (errors.Count > 0)
        {
            return StoreResult<TimelineEntry>.Invalid(errors);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await LockAsync(db, incidentId, ct) is not { } number)
        {
            return NoIncident<TimelineEntry>(incidentId);
        }

        if (await guard.CheckAsync(caller, PortalAction.EditIncidents, "incident.timeline.add", $"INC-{number}") is { Allowed: false } decision)
        {
            return StoreResult<TimelineEntry>.Forbidden(decision.Reason);
        }

        if (await db.IncidentTimeline.CountAsync(t => t.IncidentId == incidentId, ct) >= IncidentBounds.MaxTimeline)
        {
            return StoreResult<TimelineEntry>.Invalid("timeline", $"INC-{number} has {IncidentBounds.MaxTimeline} timeline entries, as many as an incident may hold; remove some first.");
        }

        var now = Now();
        var row = new TimelineEntryRow
        {
            Id = Guid.NewGuid(), IncidentId = incidentId, At = at, Kind = entry.Kind.ToString(), Text = text, By = Actor(caller), CreatedAt = now,
        };
        db.IncidentTimeline.Add(row);
        db.AuditEvents.Add(AuditEvent.Record(now, caller, "incident.timeline.add", $"INC-{number}", JsonSerializer.Serialize(new { id = row.Id, kind = row.Kind, at })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Announce(Cluster.ChangeKinds.Incident, incidentId.ToString(), caller.Name, detail: "timeline");
        return StoreResult<TimelineEntry>.Ok(Entry(row));
    }

    public async Task<StoreResult<bool>> RemoveTimelineAsync(Guid incidentId, Guid entryId, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var number = await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => (long?)i.Number).FirstOrDefaultAsync(ct);
        if (number is null)
        {
            return NoIncident<bool>(incidentId);
        }

        if (await guard.CheckAsync(caller, PortalAction.EditIncidents, "incident.timeline.remove", $"INC-{number}") is { Allowed: false } decision)
        {
            return StoreResult<bool>.Forbidden(decision.Reason);
        }

        var row = await db.IncidentTimeline.FirstOrDefaultAsync(t => t.Id == entryId && t.IncidentId == incidentId, ct);
        if (row is null)
        {
            return new(StoreOutcome.NotFound, false, [new FieldError("entry", $"INC-{number} has no timeline entry {entryId}.")]);
        }

        db.IncidentTimeline.Remove(row);
        if (row.Automatic)
        {
            // Remembered, so that reading ALERTS again does not bring back what someone took out (an unrelated alert).
            db.IncidentDismissedAlerts.Add(new DismissedAlertRow
            {
                Id = Guid.NewGuid(), IncidentId = incidentId, At = row.At, Kind = row.Kind, Text = row.Text, DismissedAt = Now(),
            });
        }

        db.AuditEvents.Add(AuditEvent.Record(Now(), caller, "incident.timeline.remove", $"INC-{number}",
            JsonSerializer.Serialize(new { id = row.Id, kind = row.Kind, at = row.At, automatic = row.Automatic, text = Fit(row.Text, 200) })));
        await db.SaveChangesAsync(ct);
        changes.Announce(Cluster.ChangeKinds.Incident, incidentId.ToString(), caller.Name, detail: "timeline");
        return StoreResult<bool>.Ok(true);
    }

    public async Task<StoreResult<ActionItem>> SaveActionAsync(Guid incidentId, ActionItemEdit item, Caller caller, CancellationToken ct)
    {
        var text = (item.Text ?? "").Trim();
        var owner = string.IsNullOrWhiteSpace(item.Owner) ? null : item.Owner.Trim();
        var link = string.IsNullOrWhiteSpace(item.Link) ? null : item.Link.Trim();
        var errors = Checked(("text", text), ("owner", owner), ("link", link)).ToList();
        if (text.Length == 0)
        {
            errors.Add(new FieldError("text", "Say what is to be done."));
        }

        errors.AddRange(new[]
        {
            TooLong("text", text, IncidentBounds.MaxActionText, "text"),
            TooLong("owner", owner, IncidentBounds.MaxOwner, "owner"),
            TooLong("link", link, IncidentBounds.MaxLink, "link"),
        }.OfType<FieldError>());
        if (link is not null && !IsLink(link))
        {
            errors.Add(new FieldError("link", "A link is a portal path (/rules/…, /runbooks/…) or an http(s) address."));
        }

        if (item.Due is { Year: < 2000 or > 2100 } due)
        {
            errors.Add(new FieldError("due", $"The due date {due:yyyy-MM-dd} is not between 2000 and 2100."));
        }

        if (!Enum.IsDefined(item.Status))
        {
            errors.Add(new FieldError("status", $"\"{item.Status}\" is not a status; one of {string.Join(", ", Enum.GetNames<ActionItemStatus>())}."));
        }

        if (errors.Count > 0)
        {
            return StoreResult<ActionItem>.Invalid(errors);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await LockAsync(db, incidentId, ct) is not { } number)
        {
            return NoIncident<ActionItem>(incidentId);
        }

        var attempted = item.Id is null ? "incident.action.add" : "incident.action.update";
        if (await guard.CheckAsync(caller, PortalAction.EditIncidents, attempted, $"INC-{number}") is { Allowed: false } decision)
        {
            return StoreResult<ActionItem>.Forbidden(decision.Reason);
        }

        var now = Now();
        ActionItemRow? row;
        if (item.Id is { } id)
        {
            row = await db.IncidentActions.FirstOrDefaultAsync(a => a.Id == id && a.IncidentId == incidentId, ct);
            if (row is null)
            {
                return new(StoreOutcome.NotFound, null, [new FieldError("id", $"INC-{number} has no action item {id}.")]);
            }

            if (row.Text == text && row.Owner == owner && row.Due == item.Due && row.Status == item.Status.ToString() && row.Link == link)
            {
                return StoreResult<ActionItem>.Ok(Action(row), changed: false);
            }
        }
        else
        {
            if (await db.IncidentActions.CountAsync(a => a.IncidentId == incidentId, ct) >= IncidentBounds.MaxActions)
            {
                return StoreResult<ActionItem>.Invalid("actions", $"INC-{number} has {IncidentBounds.MaxActions} action items, as many as an incident may hold.");
            }

            row = new ActionItemRow { Id = Guid.NewGuid(), IncidentId = incidentId, CreatedAt = now };
            db.IncidentActions.Add(row);
        }

        (row.Text, row.Owner, row.Due, row.Status, row.Link) = (text, owner, item.Due, item.Status.ToString(), link);
        row.IsOpen = item.Status is ActionItemStatus.Open or ActionItemStatus.InProgress;
        (row.UpdatedAt, row.UpdatedBy) = (now, Actor(caller));
        db.AuditEvents.Add(AuditEvent.Record(now, caller, attempted, $"INC-{number}",
            JsonSerializer.Serialize(new { id = row.Id, status = row.Status, owner, due = item.Due })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Announce(Cluster.ChangeKinds.Incident, incidentId.ToString(), caller.Name, detail: "action");
        return StoreResult<ActionItem>.Ok(Action(row));
    }

    /// <summary>
    /// Locks the incident's row for the transaction and returns its number (null: no such incident), so that two appends
    /// cannot both pass the count bound. A row lock leaves xmin alone: a header edit in progress does not conflict.
    /// </summary>
    public async Task<StoreResult<bool>> RemoveActionAsync(Guid incidentId, Guid actionId, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await LockAsync(db, incidentId, ct) is not { } number)
        {
            return NoIncident<bool>(incidentId);
        }

        if (await guard.CheckAsync(caller, PortalAction.EditIncidents, "incident.action.remove", $"INC-{number}") is { Allowed: false } decision)
        {
            return StoreResult<bool>.Forbidden(decision.Reason);
        }

        var row = await db.IncidentActions.FirstOrDefaultAsync(a => a.Id == actionId && a.IncidentId == incidentId, ct);
        if (row is null)
        {
            return new(StoreOutcome.NotFound, false, [new FieldError("id", $"INC-{number} has no action item {actionId}.")]);
        }

        db.IncidentActions.Remove(row);
        db.AuditEvents.Add(AuditEvent.Record(Now(), caller, "incident.action.remove", $"INC-{number}",
            JsonSerializer.Serialize(new { id = row.Id, status = row.Status, owner = row.Owner, text = Fit(row.Text, 200) })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Announce(Cluster.ChangeKinds.Incident, incidentId.ToString(), caller.Name, detail: "action");
        return StoreResult<bool>.Ok(true);
    }

    public async Task<StoreResult<IncidentDetail>> RestoreRevisionAsync(Guid incidentId, int number, uint version, Caller caller, CancellationToken ct)
    {
        string? status;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            status = await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => i.Status).FirstOrDefaultAsync(ct);
        }

        if (status is null)
        {
            return NoIncident<IncidentDetail>(incidentId);
        }

        if (await RevisionAsync(incidentId, number, ct) is not { } revision)
        {
            return new(StoreOutcome.NotFound, null, [new FieldError("revision", $"The incident has no revision {number}.")]);
        }

        // The status stays where the incident is now; SaveAsync checks the version, the rights and writes the revision.
        return await SaveAsync(new IncidentEdit(incidentId, revision.Title, ParseStatus(status), revision.Severity, revision.Body, version,
            $"Restored revision {number}"), caller, ct);
    }

    private static async Task<long?> LockAsync(PortalDbContext db, Guid incidentId, CancellationToken ct) =>
        (await db.Database.SqlQuery<long>($"SELECT number AS \"Value\" FROM incidents WHERE id = {incidentId} FOR UPDATE").ToListAsync(ct))
        is [var number] ? number : null;

    private static bool IsLink(string link) =>
        (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
}
