using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;
using Portal.Security;

namespace Portal.Api.V1;

/// <summary>Starting an incident: from a rule (<c>ruleId</c>), a firing alert's labels (<c>alert</c>), both, or neither (blank).</summary>
public sealed record IncidentStartRequest(string? Title, string? Severity, string? Template, Guid? RuleId, Dictionary<string, string>? Alert, DateTimeOffset? StartedAt = null);

/// <summary>PUT of the header and writeup; <c>version</c> or If-Match is the version read.</summary>
public sealed record IncidentUpdateRequest(string? Title, string? Status, string? Severity, string? Body, uint? Version = null, string? Reason = null);

public sealed record TimelineRequest(string? Kind, string? Text, DateTimeOffset? At = null);

/// <summary>A new action item, or a change of one when <c>id</c> is given.</summary>
public sealed record ActionItemRequest(Guid? Id, string? Text, string? Owner, DateOnly? Due, string? Status, string? Link);

public sealed record IncidentTemplateRequest(string? Key, string? Name, string? Description, string? Body);

public sealed record SeverityLevelRequest(string? Name, string? Description, long? ExpectedResponseSeconds, string[]? LabelValues, int? Rank);

public sealed record SeverityLevelResponse(string Name, string Description, long ExpectedResponseSeconds, IReadOnlyList<string> LabelValues, int Rank);

public sealed record IncidentSummaryResponse(
    Guid Id, string Key, long Number, string Title, string Status, string Severity, string? Team, string? AlertName,
    DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, DateTimeOffset UpdatedAt, int OpenActions);

public sealed record IncidentPageResponse(IReadOnlyList<IncidentSummaryResponse> Items, int Total, int Page, int PageSize);

public sealed record TimelineEntryResponse(Guid Id, DateTimeOffset At, string Kind, string Text, bool Automatic, string? By);

public sealed record ActionItemResponse(Guid Id, string Text, string? Owner, DateOnly? Due, string Status, string? Link);

/// <summary>A chart series: a value per step, null where Prometheus had none (JSON has no NaN).</summary>
public sealed record SnapshotSeriesResponse(string Labels, IReadOnlyList<double?> Values);

public sealed record ChartResponse(string Query, long StartMs, long StepMs, IReadOnlyList<SnapshotSeriesResponse> Series, double? Threshold, string? Operator, DateTimeOffset TakenAt, int CutSeries);

public sealed record IncidentResponse(
    Guid Id, string Key, long Number, string Title, string Status, string Severity, string? Team, string Template, string Body,
    DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, RuleFacts? Rule, AlertFacts? Alert,
    IReadOnlyList<TimelineEntryResponse> Timeline, IReadOnlyList<ActionItemResponse> Actions, ChartResponse? Chart,
    int Revision, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, uint Version);

/// <summary>
/// /incidents (list, start, read, edit, timeline, action items, Markdown export), /incident-templates and /severity-levels:
/// thin, everything real happens in <see cref="IIncidentStore"/>.
/// </summary>
public static class IncidentsEndpoints
{
    /// <summary>Room for a writeup at its limit with JSON escaping (every character may take six bytes), and no more.</summary>
    public const long RequestLimit = 6L * IncidentBounds.MaxBody + 64 * 1024;

    public static RouteGroupBuilder MapIncidents(this RouteGroupBuilder api)
    {
        api.MapGet("/incidents", (HttpRequest request, [FromServices] IIncidentStore store, CancellationToken ct) => ListAsync(request.Query, store, ct));
        api.MapPost("/incidents", (HttpRequest request, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) => StartAsync(request, store, user, ct));
        api.MapGet("/incidents/{id}", async (string id, [FromServices] IIncidentStore store, CancellationToken ct) =>
            await FindAsync(id, store, ct) is { } incident ? RulesEndpoints.WithETag(TypedResults.Ok(Response(incident)), incident.Version) : NoSuchIncident(id));
        api.MapPut("/incidents/{id}", (string id, HttpRequest request, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            UpdateAsync(id, request, store, user, ct));
        api.MapPost("/incidents/{id}/timeline", (string id, HttpRequest request, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            TimelineAsync(id, request, store, user, ct));
        api.MapPost("/incidents/{id}/actions", (string id, HttpRequest request, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            ActionAsync(id, request, store, user, ct));
        api.MapDelete("/incidents/{id}/timeline/{entryId}", (string id, string entryId, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            RemoveAsync(id, entryId, (incident, entry) => store.RemoveTimelineAsync(incident, entry, user.Caller, ct)));
        api.MapPost("/incidents/{id}/timeline/refresh", (string id, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            RefreshAsync(id, store, user, ct));
        api.MapDelete("/incidents/{id}/actions/{actionId}", (string id, string actionId, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            RemoveAsync(id, actionId, (incident, action) => store.RemoveActionAsync(incident, action, user.Caller, ct)));
        api.MapGet("/incidents/{id}/revisions", async (string id, [FromServices] IIncidentStore store, CancellationToken ct) =>
            Guid.TryParse(id, out var incidentId) && await store.FindAsync(incidentId, ct) is not null
                ? TypedResults.Ok(await store.RevisionsAsync(incidentId, ct))
                : NoSuchIncident(id));
        api.MapPost("/incidents/{id}/revisions/{number:int}/restore", (string id, int number, HttpRequest request, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            RestoreAsync(id, number, request, store, user, ct));
        api.MapGet("/incidents/{id}/export.md", (string id, [FromServices] IIncidentStore store, CancellationToken ct) => ExportAsync(id, store, ct));
        api.MapGet("/incident-templates", async ([FromServices] IIncidentStore store, CancellationToken ct) => TypedResults.Ok(await store.TemplatesAsync(ct)));
        api.MapPost("/incident-templates", (HttpRequest request, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            SaveTemplateAsync(null, request, store, user, ct));
        api.MapPut("/incident-templates/{key}", (string key, HttpRequest request, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            SaveTemplateAsync(key, request, store, user, ct));
        api.MapGet("/severity-levels", async ([FromServices] IIncidentStore store, CancellationToken ct) =>
            TypedResults.Ok((await store.SeverityLevelsAsync(ct)).Select(Response).ToList()));
        api.MapPut("/severity-levels", (HttpRequest request, [FromServices] IIncidentStore store, ActingUser user, CancellationToken ct) =>
            SaveLevelsAsync(request, store, user, ct));
        return api;
    }

    private static async Task<IResult> ListAsync(IQueryCollection query, IIncidentStore store, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        IncidentStatus? status = null;
        if (Text(query, "status") is { } statusText)
        {
            if (ParseStatus(statusText) is { } parsed)
            {
                status = parsed;
            }
            else
            {
                errors.Add(StatusError("status", statusText));
            }
        }

        var since = Time(query, "since", errors);
        var until = Time(query, "until", errors);
        var page = Number(query, "page", 1, 100_000, 1, errors);
        var pageSize = Number(query, "pageSize", 1, IncidentQuery.MaxPageSize, 50, errors);
        var text = Text(query, "q");
        if (text is { Length: > IncidentQuery.MaxTextLength })
        {
            errors.Add(new FieldError("q", $"The search has {text.Length} characters; at most {IncidentQuery.MaxTextLength}."));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.ListAsync(new IncidentQuery(text, status, Text(query, "severity"), Text(query, "team"), since, until, page, pageSize), ct);
        return TypedResults.Ok(new IncidentPageResponse(result.Items.Select(i => new IncidentSummaryResponse(i.Id, Key(i.Number), i.Number, i.Title,
            i.Status.ToString(), i.Severity, i.Team, i.AlertName, i.StartedAt, i.ResolvedAt, i.UpdatedAt, i.OpenActions)).ToList(),
            result.Total, result.Page, result.PageSize));
    }

    private static async Task<IResult> StartAsync(HttpRequest request, IIncidentStore store, ActingUser user, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<IncidentStartRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        if (string.IsNullOrWhiteSpace(b.Template))
        {
            return ApiProblems.Validation([new FieldError("template", $"Say which template the writeup starts from, such as \"{StarterIncidentTemplates.PostmortemKey}\" (GET {ApiV1.Prefix}/incident-templates).")]);
        }

        var result = await store.StartAsync(new IncidentStart(b.Title, b.Severity, b.Template, b.RuleId, b.Alert, b.StartedAt), user.Caller, ct);
        return ApiProblems.ForStore(result, incident => RulesEndpoints.WithETag(
            TypedResults.Created($"{ApiV1.Prefix}/incidents/{incident.Id}", Response(incident)), incident.Version), "the incident");
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, IIncidentStore store, ActingUser user, CancellationToken ct)
    {
        if (await FindAsync(id, store, ct) is not { } incident)
        {
            return NoSuchIncident(id);
        }

        var body = await ApiBody.JsonAsync<IncidentUpdateRequest>(request, RequestLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var (version, versionError) = RulesEndpoints.Version(request.Headers.IfMatch, b.Version?.ToString(CultureInfo.InvariantCulture), "incident");
        if (versionError is not null)
        {
            return ApiProblems.Validation([versionError]);
        }

        // A field left out keeps what the incident has: a client may send only what it changes.
        var status = incident.Status;
        if (b.Status is not null)
        {
            if (ParseStatus(b.Status) is not { } parsed)
            {
                return ApiProblems.Validation([StatusError("status", b.Status)]);
            }

            status = parsed;
        }

        var result = await store.SaveAsync(new IncidentEdit(incident.Id, b.Title ?? incident.Title, status, b.Severity ?? incident.Severity,
            b.Body ?? incident.Body, version!.Value, b.Reason), user.Caller, ct);
        return ApiProblems.StaleIfMatch(result.Outcome, result.Errors, request, "incident") ?? ApiProblems.ForStore(result, saved => RulesEndpoints.WithETag(TypedResults.Ok(Response(saved)), saved.Version), "this incident");
    }

    private static async Task<IResult> TimelineAsync(string id, HttpRequest request, IIncidentStore store, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var incidentId))
        {
            return NoSuchIncident(id);
        }

        var body = await ApiBody.JsonAsync<TimelineRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        if (Enum.TryParse<TimelineKind>((b.Kind ?? "").Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var kind) is false
            || int.TryParse(b.Kind, out _))
        {
            return ApiProblems.Validation([new FieldError("kind", $"\"{Shown(b.Kind)}\" is not a timeline kind; one of detected, acknowledged, mitigated, resolved, status-update, note.")]);
        }

        var result = await store.AddTimelineAsync(incidentId, new TimelineEdit(kind, b.Text ?? "", b.At), user.Caller, ct);
        return ApiProblems.ForStore(result, entry => TypedResults.Created($"{ApiV1.Prefix}/incidents/{incidentId}", Response(entry)), "this incident");
    }

    private static async Task<IResult> ActionAsync(string id, HttpRequest request, IIncidentStore store, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var incidentId))
        {
            return NoSuchIncident(id);
        }

        var body = await ApiBody.JsonAsync<ActionItemRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var status = ActionItemStatus.Open;
        if (b.Status is not null && (!Enum.TryParse((b.Status ?? "").Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out status) || int.TryParse(b.Status, out _)))
        {
            return ApiProblems.Validation([new FieldError("status", $"\"{Shown(b.Status)}\" is not an action item status; one of open, in-progress, done, wont-do.")]);
        }

        var result = await store.SaveActionAsync(incidentId, new ActionItemEdit(b.Id, b.Text ?? "", b.Owner, b.Due, status, b.Link), user.Caller, ct);
        return ApiProblems.ForStore(result, item => b.Id is null
            ? TypedResults.Created($"{ApiV1.Prefix}/incidents/{incidentId}", Response(item))
            : TypedResults.Ok(Response(item)), "this incident");
    }

    /// <summary>A timeline entry or an action item removed: 204, or 404 naming what was not there.</summary>
    private static async Task<IResult> RemoveAsync(string id, string partId, Func<Guid, Guid, Task<StoreResult<bool>>> remove)
    {
        if (!Guid.TryParse(id, out var incidentId))
        {
            return NoSuchIncident(id);
        }

        if (!Guid.TryParse(partId, out var part))
        {
            return ApiProblems.NotFound($"\"{Shown(partId)}\" is not the id of anything in an incident.");
        }

        return ApiProblems.ForStore(await remove(incidentId, part), _ => TypedResults.NoContent(), "this incident");
    }

    /// <summary>
    /// Reads ALERTS again over the incident's window: 200 with what was added; 400 for an incident with no alert to look
    /// for; 503 when Prometheus could not answer (nothing was written).
    /// </summary>
    private static async Task<IResult> RefreshAsync(string id, IIncidentStore store, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var incidentId))
        {
            return NoSuchIncident(id);
        }

        var result = await store.RefreshFromAlertsAsync(incidentId, user.Caller, ct);
        if (result.Outcome == StoreOutcome.Invalid && result.Errors.Any(e => e.Field == "prometheus"))
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Prometheus did not answer",
                detail: string.Join(" ", result.Errors.Select(e => e.Message)));
        }

        return ApiProblems.ForStore(result, refresh => TypedResults.Ok(new
        {
            added = refresh.Added, known = refresh.Known, chartRetaken = refresh.ChartRetaken, problems = refresh.Problems,
            incident = Response(refresh.Incident),
        }), "this incident");
    }

    /// <summary>An earlier revision made current as a new one; the version read comes in If-Match (or <c>?version=</c>).</summary>
    private static async Task<IResult> RestoreAsync(string id, int number, HttpRequest request, IIncidentStore store, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var incidentId))
        {
            return NoSuchIncident(id);
        }

        var (version, versionError) = RulesEndpoints.Version(request.Headers.IfMatch, request.Query["version"].FirstOrDefault(), "incident");
        if (versionError is not null)
        {
            return ApiProblems.Validation([versionError]);
        }

        var result = await store.RestoreRevisionAsync(incidentId, number, version!.Value, user.Caller, ct);
        return ApiProblems.StaleIfMatch(result.Outcome, result.Errors, request, "incident") ?? ApiProblems.ForStore(result, saved => RulesEndpoints.WithETag(TypedResults.Ok(Response(saved)), saved.Version), "this incident");
    }

    private static async Task<IResult> ExportAsync(string id, IIncidentStore store, CancellationToken ct)
    {
        if (await FindAsync(id, store, ct) is not { } incident)
        {
            return NoSuchIncident(id);
        }

        var markdown = IncidentMarkdown.Export(incident.ToDocument(await store.SeverityLevelsAsync(ct)));
        return Results.File(Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", $"{Key(incident.Number)}.md");
    }

    private static async Task<IResult> SaveTemplateAsync(string? key, HttpRequest request, IIncidentStore store, ActingUser user, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<IncidentTemplateRequest>(request, RequestLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        if (key is not null && b.Key is not null && b.Key != key)
        {
            return ApiProblems.Validation([new FieldError("key", $"The body's key \"{Shown(b.Key)}\" is not the address's \"{Shown(key)}\"; a template's key does not change.")]);
        }

        var template = new IncidentTemplate(key ?? b.Key ?? "", b.Name ?? "", b.Description ?? "", b.Body ?? "");
        if (key is null && (await store.TemplatesAsync(ct)).Any(t => t.Key == template.Key.Trim()))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"There is a template \"{Shown(template.Key)}\" already; change it with PUT {ApiV1.Prefix}/incident-templates/{Shown(template.Key)}.");
        }

        var result = await store.SaveTemplateAsync(template, user.Caller, ct);
        return ApiProblems.ForStore(result, saved => key is null
            ? TypedResults.Created($"{ApiV1.Prefix}/incident-templates/{saved.Key}", saved)
            : TypedResults.Ok(saved), "the template");
    }

    private static async Task<IResult> SaveLevelsAsync(HttpRequest request, IIncidentStore store, ActingUser user, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<List<SeverityLevelRequest>>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var levels = body.Value!;
        var errors = new List<FieldError>();
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i] is null)
            {
                errors.Add(new FieldError($"levels[{i}]", "A level is an object with name, description, expectedResponseSeconds, labelValues and rank."));
            }
            else if (levels[i].ExpectedResponseSeconds is not (> 0 and <= 30L * 24 * 3600))
            {
                errors.Add(new FieldError($"levels[{i}].expectedResponseSeconds", "Give the expected response time in seconds, more than 0 and at most 30 days."));
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.SaveSeverityLevelsAsync(levels.Select((l, i) => new SeverityLevel(l.Name ?? "", l.Description ?? "",
            TimeSpan.FromSeconds(l.ExpectedResponseSeconds!.Value), l.LabelValues ?? [], l.Rank ?? i + 1)).ToList(), user.Caller, ct);
        return ApiProblems.ForStore(result, saved => TypedResults.Ok(saved.Select(Response).ToList()), "the severity levels");
    }

    private static async Task<IncidentDetail?> FindAsync(string id, IIncidentStore store, CancellationToken ct) =>
        Guid.TryParse(id, out var incidentId) ? await store.FindAsync(incidentId, ct) : null;

    public static IncidentResponse Response(IncidentDetail i) => new(i.Id, Key(i.Number), i.Number, i.Title, i.Status.ToString(), i.Severity, i.Team,
        i.TemplateKey, i.Body, i.StartedAt, i.ResolvedAt, i.Rule, i.Alert, i.Timeline.Select(Response).ToList(), i.Actions.Select(Response).ToList(),
        i.Chart is { } c
            ? new ChartResponse(c.Query, c.StartMs, c.StepMs, c.Series.Select(s => new SnapshotSeriesResponse(s.Labels,
                s.Values.Select(v => double.IsFinite(v) ? v : (double?)null).ToList())).ToList(), c.Threshold, c.Operator, c.TakenAt, c.CutSeries)
            : null,
        i.Revision, i.CreatedAt, i.CreatedBy, i.UpdatedAt, i.UpdatedBy, i.Version);

    private static TimelineEntryResponse Response(TimelineEntry e) => new(e.Id, e.At, Kebab(e.Kind.ToString()), e.Text, e.Automatic, e.By);

    private static ActionItemResponse Response(ActionItem a) => new(a.Id, a.Text, a.Owner, a.Due, Kebab(a.Status.ToString()), a.Link);

    private static SeverityLevelResponse Response(SeverityLevel l) => new(l.Name, l.Description, (long)l.ExpectedResponse.TotalSeconds, l.LabelValues, l.Rank);

    /// <summary>INC-&lt;n&gt;: how people name an incident.</summary>
    public static string Key(long number) => "INC-" + number.ToString(CultureInfo.InvariantCulture);

    private static IncidentStatus? ParseStatus(string text) =>
        Enum.TryParse<IncidentStatus>(text.Trim(), ignoreCase: true, out var status) && !int.TryParse(text, out _) ? status : null;

    private static FieldError StatusError(string field, string text) =>
        new(field, $"\"{Shown(text)}\" is not a status; one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}.");

    private static string? Text(IQueryCollection query, string name) =>
        query[name].LastOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static DateTimeOffset? Time(IQueryCollection query, string name, List<FieldError> errors)
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        errors.Add(new FieldError(name, $"\"{Shown(text)}\" is not a time; use ISO 8601, such as 2026-01-31T14:00:00Z."));
        return null;
    }

    private static int Number(IQueryCollection query, string name, int min, int max, int otherwise, List<FieldError> errors)
    {
        if (Text(query, name) is not { } text)
        {
            return otherwise;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, $"\"{Shown(text)}\" is not a whole number from {min} to {max}."));
        return otherwise;
    }

    private static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Shown(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";

    private static IResult NoSuchIncident(string id) => ApiProblems.NotFound($"There is no incident \"{Shown(id)}\".");
}
