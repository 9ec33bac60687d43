using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Incidents;

internal sealed partial class IncidentStore
{
    /// <summary>After the incident is resolved, its alerts' resolving may follow by a few evaluations; the window reaches that far.</summary>
    internal static readonly TimeSpan ResolvedMargin = TimeSpan.FromMinutes(15);

    /// <summary>The steps a reading of ALERTS takes over its window (the gatherer's own bound), for the merge tolerance.</summary>
    private const int AlertReadSteps = 1_000;

    public async Task<StoreResult<TimelineRefresh>> RefreshFromAlertsAsync(Guid incidentId, Caller caller, CancellationToken ct)
    {
        IncidentRow? row;
        await using (var read = await factory.CreateDbContextAsync(ct))
        {
            row = await read.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, ct);
        }

        if (row is null)
        {
            return NoIncident<TimelineRefresh>(incidentId);
        }

        var key = $"INC-{row.Number}";
        if (await guard.CheckAsync(caller, PortalAction.EditIncidents, "incident.timeline.refresh", key) is { Allowed: false } decision)
        {
            return StoreResult<TimelineRefresh>.Forbidden(decision.Reason);
        }

        var rule = Read<RuleFacts>(row.RuleFacts);
        var alert = Read<AlertFacts>(row.AlertFacts);
        if (rule is null && alert is null)
        {
            return StoreResult<TimelineRefresh>.Invalid("timeline",
                $"{key} was started without an alert or a rule, so there is no alert to look for in ALERTS.");
        }

        // Prometheus is read before any lock is taken: the incident stays writable while it answers.
        var now = Now();
        var from = row.StartedAt - IncidentEvidenceGatherer.LeadIn;
        var to = row.ResolvedAt is { } resolved && resolved + ResolvedMargin < now ? resolved + ResolvedMargin : now;
        var problems = new List<string>();
        IReadOnlyList<TimelineEntry>? found = null;
        ChartSnapshot? chart = null;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            limit.CancelAfter(IncidentEvidenceGatherer.PartTimeout * 2);
            try
            {
                found = await evidence.AlertTimelineAsync(rule, alert, from, to, limit.Token);
                chart = rule is null ? null : await evidence.SnapshotAsync(rule, from, to, limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                problems.Add($"Prometheus took longer than {(IncidentEvidenceGatherer.PartTimeout * 2).TotalSeconds:0} s; {(found is null ? "nothing was read" : "the chart was left as it was")}.");
            }
            catch (PrometheusException e)
            {
                problems.Add($"Prometheus could not be read: {e.Message}");
            }
        }

        if (found is null)
        {
            // Field "prometheus": not the caller's mistake; the API answers 503 for it.
            return StoreResult<TimelineRefresh>.Invalid("prometheus", string.Join(" ", problems));
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await LockAsync(db, incidentId, ct) is null)
        {
            return NoIncident<TimelineRefresh>(incidentId);
        }

        var incident = await db.Incidents.FirstAsync(i => i.Id == incidentId, ct);
        var held = await db.IncidentTimeline.AsNoTracking().Where(t => t.IncidentId == incidentId).ToListAsync(ct);
        var dismissed = (await db.IncidentDismissedAlerts.AsNoTracking().Where(d => d.IncidentId == incidentId).ToListAsync(ct))
            .Select(d => Entry(new TimelineEntryRow { Id = d.Id, At = d.At, Kind = d.Kind, Text = d.Text, Automatic = true }));
        var tolerance = AlertTimelineMerge.Tolerance(rule?.EvaluationInterval ?? TimeSpan.FromMinutes(1), to - from, AlertReadSteps);
        var fresh = AlertTimelineMerge.NewEntries(held.Select(Entry), dismissed, found, tolerance);
        var room = Math.Max(0, IncidentBounds.MaxTimeline - held.Count);
        if (fresh.Count > room)
        {
            problems.Add($"{fresh.Count - room} more entries were found than {key}'s timeline has room for ({IncidentBounds.MaxTimeline} entries at most).");
        }

        var added = fresh.Take(room).Select(e => new TimelineEntryRow
        {
            Id = Guid.NewGuid(), IncidentId = incidentId, At = Micro(e.At), Kind = e.Kind.ToString(),
            Text = Fit(StorableText.Replace(e.Text ?? ""), IncidentBounds.MaxTimelineText), Automatic = true, By = null, CreatedAt = now,
        }).ToList();
        db.IncidentTimeline.AddRange(added);
        var retaken = AlertTimelineMerge.IsRicher(Read<ChartSnapshot>(incident.Chart), Bounded(chart));
        if (retaken)
        {
            incident.Chart = Write(Bounded(chart));
        }

        db.AuditEvents.Add(AuditEvent.Record(now, caller, "incident.timeline.refresh", key, JsonSerializer.Serialize(new
        {
            from, to, found = found.Count, added = added.Count, chart = retaken, problems,
        })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (added.Count > 0 || retaken)
        {
            changes.Announce(Cluster.ChangeKinds.Incident, incidentId.ToString(), caller.Name, detail: "timeline");
        }

        return StoreResult<TimelineRefresh>.Ok(new TimelineRefresh(added.Count, found.Count - fresh.Count, retaken, problems,
            (await DetailAsync(db, incidentId, ct))!));
    }
}
