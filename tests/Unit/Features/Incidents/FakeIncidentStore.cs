using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;

namespace Portal.Tests.Unit.Features.Incidents;

/// <summary>
/// An in-memory <see cref="IIncidentStore"/> for the incident pages: versions that conflict, filters and pages applied
/// as the real store documents them, Admin-only templates and levels, and every call written down for the tests.
/// </summary>
internal sealed class FakeIncidentStore : IIncidentStore
{
    private long _number;

    public List<IncidentDetail> Incidents { get; } = [];
    public List<IncidentQuery> Queries { get; } = [];
    public List<IncidentStart> Starts { get; } = [];
    public List<IncidentEdit> Edits { get; } = [];
    public List<IncidentTemplate> Templates { get; } = [.. StarterIncidentTemplates.All];
    public List<SeverityLevel> Levels { get; } = [.. SeverityLevels.Starter];
    public List<OpenActionItem> Open { get; } = [];

    /// <summary>Every saved state of each incident, oldest first, as the real store keeps them.</summary>
    public Dictionary<Guid, List<IncidentRevision>> Revisions { get; } = [];

    /// <summary>Problems the next start reports with its incident (what the evidence could not gather).</summary>
    public List<string> StartProblems { get; } = [];

    public IncidentDetail Add(string title, IncidentStatus status = IncidentStatus.Investigating, string severity = "SEV-2", string? team = "team-a",
        RuleFacts? rule = null, IReadOnlyList<TimelineEntry>? timeline = null, DateTimeOffset? startedAt = null)
    {
        var at = startedAt ?? DateTimeOffset.UtcNow.AddHours(-1);
        var incident = new IncidentDetail(Guid.NewGuid(), ++_number, title, status, severity, team, StarterIncidentTemplates.PostmortemKey,
            "# " + title + "\n\nWhat happened.", at, status == IncidentStatus.Resolved ? at.AddMinutes(30) : null, rule, null, timeline ?? [], [], null, 1,
            at, "alice", at, "alice", 1);
        Incidents.Add(incident);
        Record(incident, "alice", "Started");
        return incident;
    }

    private void Record(IncidentDetail incident, string by, string? reason)
    {
        if (!Revisions.TryGetValue(incident.Id, out var list))
        {
            Revisions[incident.Id] = list = [];
        }

        list.Add(new IncidentRevision(incident.Revision, incident.UpdatedAt, by, reason, incident.Title, incident.Status, incident.Severity, incident.Body));
    }

    /// <summary>Someone else saves the incident: a new version, so the page's next save conflicts.</summary>
    public IncidentDetail ChangeBehindTheScenes(Guid id, string body)
    {
        var i = Incidents.FindIndex(x => x.Id == id);
        Incidents[i] = Incidents[i] with { Body = body, Version = Incidents[i].Version + 1, Revision = Incidents[i].Revision + 1, UpdatedBy = "carol" };
        Record(Incidents[i], "carol", "their change");
        return Incidents[i];
    }

    public Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken ct)
    {
        Queries.Add(query);
        var matching = Incidents
            .Where(i => query.Text is null || i.Title.Contains(query.Text, StringComparison.OrdinalIgnoreCase) || i.Body.Contains(query.Text, StringComparison.OrdinalIgnoreCase))
            .Where(i => query.Status is null || i.Status == query.Status)
            .Where(i => query.Severity is null || i.Severity == query.Severity)
            .Where(i => query.Team is null || i.Team == query.Team)
            .Where(i => query.Since is null || i.StartedAt >= query.Since)
            .OrderByDescending(i => i.StartedAt)
            .ToList();
        var items = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(i => new IncidentSummary(i.Id, i.Number, i.Title, i.Status, i.Severity, i.Team, i.Alert?.Name, i.StartedAt, i.ResolvedAt, i.UpdatedAt,
                i.Actions.Count(a => a.IsOpen)))
            .ToList();
        return Task.FromResult(new IncidentPage(items, matching.Count, query.Page, query.PageSize));
    }

    /// <summary>When set, reads wait for it: a read still in flight when the person clicks.</summary>
    public TaskCompletionSource? ReadGate { get; set; }

    public async Task<IncidentDetail?> FindAsync(Guid id, CancellationToken ct)
    {
        if (ReadGate is { } gate)
        {
            await gate.Task;
        }

        return Incidents.FirstOrDefault(i => i.Id == id);
    }

    public Task<StoreResult<IncidentDetail>> StartAsync(IncidentStart start, Caller caller, CancellationToken ct)
    {
        Starts.Add(start);
        var incident = Add(start.Title ?? "Untitled incident", severity: start.Severity ?? "SEV-3");
        // As the real store: what the evidence could not gather comes back as notices on the started incident.
        return Task.FromResult(StoreResult<IncidentDetail>.Ok(incident with { Notices = StartProblems.ToList() }));
    }

    public Task<StoreResult<IncidentDetail>> SaveAsync(IncidentEdit edit, Caller caller, CancellationToken ct)
    {
        Edits.Add(edit);
        var i = Incidents.FindIndex(x => x.Id == edit.Id);
        if (i < 0)
        {
            return Task.FromResult(StoreResult<IncidentDetail>.NotFound("incident"));
        }

        if (Incidents[i].Version != edit.Version)
        {
            return Task.FromResult(StoreResult<IncidentDetail>.Conflict(null));
        }

        var old = Incidents[i];
        Incidents[i] = old with
        {
            Title = edit.Title, Status = edit.Status, Severity = edit.Severity, Body = edit.Body, Version = old.Version + 1, Revision = old.Revision + 1,
            ResolvedAt = edit.Status == IncidentStatus.Resolved ? old.ResolvedAt ?? DateTimeOffset.UtcNow : null, UpdatedBy = caller.Name,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        Record(Incidents[i], caller.Name, edit.Reason);
        return Task.FromResult(StoreResult<IncidentDetail>.Ok(Incidents[i]));
    }

    public Task<StoreResult<TimelineEntry>> AddTimelineAsync(Guid incidentId, TimelineEdit entry, Caller caller, CancellationToken ct)
    {
        var i = Incidents.FindIndex(x => x.Id == incidentId);
        var added = new TimelineEntry(Guid.NewGuid(), entry.At ?? DateTimeOffset.UtcNow, entry.Kind, entry.Text, false, caller.Name);
        Incidents[i] = Incidents[i] with { Timeline = [.. Incidents[i].Timeline, added] };
        return Task.FromResult(StoreResult<TimelineEntry>.Ok(added));
    }

    public Task<StoreResult<bool>> RemoveTimelineAsync(Guid incidentId, Guid entryId, Caller caller, CancellationToken ct)
    {
        var i = Incidents.FindIndex(x => x.Id == incidentId);
        Incidents[i] = Incidents[i] with { Timeline = Incidents[i].Timeline.Where(e => e.Id != entryId).ToList() };
        return Task.FromResult(StoreResult<bool>.Ok(true));
    }

    public Task<StoreResult<ActionItem>> SaveActionAsync(Guid incidentId, ActionItemEdit item, Caller caller, CancellationToken ct)
    {
        var i = Incidents.FindIndex(x => x.Id == incidentId);
        var saved = new ActionItem(item.Id ?? Guid.NewGuid(), item.Text, item.Owner, item.Due, item.Status, item.Link);
        var actions = Incidents[i].Actions.Where(a => a.Id != saved.Id).Append(saved).ToList();
        Incidents[i] = Incidents[i] with { Actions = actions };
        return Task.FromResult(StoreResult<ActionItem>.Ok(saved));
    }

    public Task<IReadOnlyList<OpenActionItem>> OpenActionsAsync(int limit, CancellationToken ct) => Task.FromResult<IReadOnlyList<OpenActionItem>>(Open.Take(limit).ToList());

    /// <summary>Oldest first, so the page's own ordering is what a test sees.</summary>
    /// <summary>What the next "refresh from ALERTS" adds to the timeline.</summary>
    public List<TimelineEntry> AlertsToFind { get; } = [];

    public int Refreshes { get; private set; }

    /// <summary>Whether a refresh from ALERTS retakes the chart (and so moves the version on).</summary>
    public bool RefreshRetakesChart { get; set; }

    public Task<StoreResult<TimelineRefresh>> RefreshFromAlertsAsync(Guid incidentId, Caller caller, CancellationToken ct)
    {
        Refreshes++;
        var i = Incidents.FindIndex(x => x.Id == incidentId);
        var known = AlertsToFind.Count(e => Incidents[i].Timeline.Any(t => t.Id == e.Id));
        var added = AlertsToFind.Where(e => Incidents[i].Timeline.All(t => t.Id != e.Id)).ToList();
        Incidents[i] = Incidents[i] with
        {
            Timeline = [.. Incidents[i].Timeline, .. added],
            // The real store retakes a richer chart, which moves the row's version without a new revision.
            Version = RefreshRetakesChart ? Incidents[i].Version + 1 : Incidents[i].Version,
        };
        return Task.FromResult(StoreResult<TimelineRefresh>.Ok(new TimelineRefresh(added.Count, known, RefreshRetakesChart, [], Incidents[i])));
    }

    public Task<StoreResult<bool>> RemoveActionAsync(Guid incidentId, Guid actionId, Caller caller, CancellationToken ct)
    {
        var i = Incidents.FindIndex(x => x.Id == incidentId);
        Incidents[i] = Incidents[i] with { Actions = Incidents[i].Actions.Where(a => a.Id != actionId).ToList() };
        return Task.FromResult(StoreResult<bool>.Ok(true));
    }

    public async Task<StoreResult<IncidentDetail>> RestoreRevisionAsync(Guid incidentId, int number, uint version, Caller caller, CancellationToken ct)
    {
        var revision = Revisions.GetValueOrDefault(incidentId, []).FirstOrDefault(r => r.Number == number);
        var current = Incidents.FirstOrDefault(x => x.Id == incidentId);
        if (revision is null || current is null)
        {
            return StoreResult<IncidentDetail>.NotFound("revision");
        }

        return await SaveAsync(new IncidentEdit(incidentId, revision.Title, current.Status, revision.Severity, revision.Body, version,
            $"Restored revision {number}"), caller, ct);
    }

    public Task<IReadOnlyList<IncidentRevisionInfo>> RevisionsAsync(Guid incidentId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<IncidentRevisionInfo>>(Revisions.GetValueOrDefault(incidentId, [])
            .Select(r => new IncidentRevisionInfo(r.Number, r.At, r.By, r.Reason, r.Title)).ToList());

    public Task<IncidentRevision?> RevisionAsync(Guid incidentId, int number, CancellationToken ct) =>
        Task.FromResult(Revisions.GetValueOrDefault(incidentId, []).FirstOrDefault(r => r.Number == number));

    public Task<IReadOnlyList<SeverityLevel>> SeverityLevelsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<SeverityLevel>>(Levels.ToList());

    public Task<StoreResult<IReadOnlyList<SeverityLevel>>> SaveSeverityLevelsAsync(IReadOnlyList<SeverityLevel> levels, Caller caller, CancellationToken ct)
    {
        if (!caller.IsAdmin)
        {
            return Task.FromResult(StoreResult<IReadOnlyList<SeverityLevel>>.Forbidden("Only Admins change severity levels."));
        }

        Levels.Clear();
        Levels.AddRange(levels);
        return Task.FromResult(StoreResult<IReadOnlyList<SeverityLevel>>.Ok(levels));
    }

    public Task<IReadOnlyList<IncidentTemplate>> TemplatesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<IncidentTemplate>>(Templates.ToList());

    public Task<StoreResult<IncidentTemplate>> SaveTemplateAsync(IncidentTemplate template, Caller caller, CancellationToken ct)
    {
        if (!caller.IsAdmin)
        {
            return Task.FromResult(StoreResult<IncidentTemplate>.Forbidden("Only Admins change templates."));
        }

        Templates.RemoveAll(t => t.Key == template.Key);
        Templates.Add(template);
        return Task.FromResult(StoreResult<IncidentTemplate>.Ok(template));
    }
}
