using System.Text.Json;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Incidents;

internal sealed partial class IncidentStore
{
    public async Task<StoreResult<IncidentDetail>> StartAsync(IncidentStart start, Caller caller, CancellationToken ct)
    {
        var title = string.IsNullOrWhiteSpace(start.Title) ? null : start.Title.Trim();
        var labels = start.AlertLabels;
        var errors = new List<FieldError>(LabelProblems(labels));
        errors.AddRange(Checked(("title", title), ("severity", start.Severity), ("template", start.TemplateKey)));
        if (TooLong("title", title, IncidentBounds.MaxTitle, "title") is { } longTitle)
        {
            errors.Add(longTitle);
        }

        var now = Now();
        var startedAt = Micro(start.StartedAt ?? now);
        if (TimeProblem("startedAt", startedAt) is { } badTime)
        {
            errors.Add(badTime);
        }

        if (errors.Count > 0)
        {
            return StoreResult<IncidentDetail>.Invalid(errors);
        }

        if (await guard.CheckAsync(caller, PortalAction.EditIncidents, "incident.start", title ?? "new incident") is { Allowed: false } decision)
        {
            return StoreResult<IncidentDetail>.Forbidden(decision.Reason);
        }

        var templates = await TemplatesAsync(ct);
        var template = templates.FirstOrDefault(t => t.Key == (start.TemplateKey ?? "").Trim());
        if (template is null)
        {
            errors.Add(new FieldError("template", $"There is no template \"{Fit(start.TemplateKey, 80)}\"; the templates are {string.Join(", ", templates.Select(t => t.Key))}."));
        }

        var levels = await SeverityLevelsAsync(ct);
        SeverityLevel? severity;
        if (!string.IsNullOrWhiteSpace(start.Severity))
        {
            severity = levels.FirstOrDefault(l => string.Equals(l.Name, start.Severity.Trim(), StringComparison.OrdinalIgnoreCase));
            if (severity is null)
            {
                errors.Add(new FieldError("severity", $"There is no severity level \"{Fit(start.Severity, 50)}\"; the levels are {string.Join(", ", levels.Select(l => l.Name))}."));
            }
        }
        else
        {
            severity = SeverityLevels.ForLabel(levels, labels is not null && labels.TryGetValue("severity", out var label) ? label : null);
            if (severity is null)
            {
                errors.Add(new FieldError("severity", "There are no severity levels: an Admin defines them under Settings."));
            }
        }

        if (errors.Count > 0)
        {
            return StoreResult<IncidentDetail>.Invalid(errors);
        }

        // Evidence is bounded in time by its own implementation and never fails the start: a blank incident has none.
        var gathered = (start.RuleId is not null || labels is { Count: > 0 })
            ? await evidence.GatherAsync(start.RuleId, labels, startedAt, ct)
            : IncidentEvidence.None;
        var rule = gathered.Rule;
        var alert = gathered.Alert ?? (labels is { Count: > 0 }
            ? new AlertFacts(labels.TryGetValue("alertname", out var name) ? name : rule?.AlertName ?? "", labels, null, null)
            : null);
        var team = rule?.Team ?? (labels is not null && labels.TryGetValue("team", out var teamLabel) && teamLabel.Length <= 63 ? teamLabel : null);

        var timeline = new List<TimelineEntryRow>
        {
            new()
            {
                Id = Guid.NewGuid(), At = startedAt, Kind = nameof(TimelineKind.Detected), Automatic = false, By = Actor(caller), CreatedAt = now,
                Text = Fit(StorableText.Replace(alert is { Name.Length: > 0 } ? $"Detected: {alert.Name} firing." : "Incident started."), IncidentBounds.MaxTimelineText),
            },
        };
        timeline.AddRange(gathered.AlertTimeline.Take(IncidentBounds.MaxTimeline - 1).Select(e => new TimelineEntryRow
        {
            Id = Guid.NewGuid(), At = Micro(e.At), Kind = e.Kind.ToString(), Text = Fit(StorableText.Replace(e.Text ?? ""), IncidentBounds.MaxTimelineText),
            Automatic = true, By = null, CreatedAt = now,
        }));

        var context = new PlaceholderContext(alert, rule, rule?.RunbookUrl, severity!.Name, timeline.OrderBy(t => t.At).Select(Entry).ToList(), [], now);
        var body = Placeholders.Render(template!.Body, context);
        if (body.Length > IncidentBounds.MaxBody)
        {
            // A template near the limit filled with long label values: the writeup keeps its start, and says so.
            body = Cut(body, IncidentBounds.MaxBody - 100) + "\n\n… (cut: the filled-in template was longer than an incident's writeup may be)";
        }

        title ??= StorableText.Replace(DefaultTitle(alert, rule));
        var row = new IncidentRow
        {
            Id = Guid.NewGuid(), Title = title, Status = nameof(IncidentStatus.Investigating), Severity = severity.Name, Team = team,
            TemplateKey = template.Key, Body = body, StartedAt = startedAt, AlertName = alert is { Name.Length: > 0 } ? Fit(StorableText.Replace(alert.Name), IncidentBounds.MaxLabelValue) : null,
            RuleFacts = Write(rule), AlertFacts = Write(alert), Chart = Write(Bounded(gathered.Chart)), Revision = 1,
            CreatedAt = now, CreatedBy = Actor(caller), UpdatedAt = now, UpdatedBy = Actor(caller),
        };

        await using var db = await factory.CreateDbContextAsync(ct);
        db.Incidents.Add(row);
        db.IncidentRevisions.Add(Revision(row, now, "started"));
        db.IncidentTimeline.AddRange(timeline.Select(t => { t.IncidentId = row.Id; return t; }));
        db.AuditEvents.Add(AuditEvent.Record(now, caller, "incident.start", row.Id.ToString(), JsonSerializer.Serialize(new
        {
            title, severity = severity.Name, template = template.Key, ruleId = start.RuleId, alert = alert?.Name, problems = gathered.Problems,
        })));
        // One SaveChanges is one transaction: the incident, its first revision, its timeline and the audit row, or none.
        await db.SaveChangesAsync(ct);
        changes.Announce(Cluster.ChangeKinds.Incident, row.Id.ToString(), caller.Name, row.Version, "started");
        return StoreResult<IncidentDetail>.Ok((await DetailAsync(db, row.Id, ct))! with { Notices = gathered.Problems });
    }

    /// <summary>"&lt;alertname&gt; on &lt;instance|job|service&gt;", the alert's name alone, or "Untitled incident".</summary>
    internal static string DefaultTitle(AlertFacts? alert, RuleFacts? rule)
    {
        var name = alert is { Name.Length: > 0 } ? alert.Name : rule?.AlertName;
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Untitled incident";
        }

        var where = alert is null ? null : new[] { "instance", "job", "service" }
            .Select(l => alert.Labels.TryGetValue(l, out var v) ? v : null)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return Fit(where is null ? name : $"{name} on {where}", IncidentBounds.MaxTitle);
    }

    private static IEnumerable<FieldError> LabelProblems(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null)
        {
            yield break;
        }

        if (labels.Count > IncidentBounds.MaxLabels)
        {
            yield return new FieldError("alert", $"The alert has {labels.Count} labels; at most {IncidentBounds.MaxLabels}.");
            yield break;
        }

        foreach (var (name, value) in labels)
        {
            var shown = Fit(name, 60);
            if (name.Length == 0 || name.Length > IncidentBounds.MaxLabelName || !StorableText.IsStorable(name))
            {
                yield return new FieldError("alert", $"The label name \"{shown}\" is empty, longer than {IncidentBounds.MaxLabelName} characters or holds a character that cannot be stored.");
            }
            else if (value is null || value.Length > IncidentBounds.MaxLabelValue || !StorableText.IsStorable(value))
            {
                yield return new FieldError($"alert.{shown}", $"The value of label {shown} is missing, longer than {IncidentBounds.MaxLabelValue} characters or holds a character that cannot be stored.");
            }
        }
    }

    /// <summary>The snapshot within its documented bounds, whatever the evidence handed over.</summary>
    private static ChartSnapshot? Bounded(ChartSnapshot? chart)
    {
        if (chart is null)
        {
            return null;
        }

        var cut = Math.Max(0, chart.Series.Count - ChartSnapshot.MaxSeries);
        var series = chart.Series.Take(ChartSnapshot.MaxSeries)
            .Select(s => s.Values.Length <= ChartSnapshot.MaxPoints ? s : s with { Values = s.Values[..ChartSnapshot.MaxPoints] })
            .ToList();
        return chart with { Series = series, CutSeries = chart.CutSeries + cut };
    }

    private static IncidentRevisionRow Revision(IncidentRow row, DateTimeOffset now, string? reason) => new()
    {
        IncidentId = row.Id, Number = row.Revision, At = now, By = row.UpdatedBy, Reason = reason,
        Title = row.Title, Status = row.Status, Severity = row.Severity, Body = row.Body,
    };

    private static string Fit(string? text, int max) => text is null ? "" : text.Length <= max ? text : Cut(text, max - 1) + "…";

    /// <summary>The first <paramref name="length"/> characters at most, never half of a surrogate pair (which cannot be stored).</summary>
    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}
