using Portal.Components;
using Portal.Domain.Live;
using Portal.Infrastructure.Live;

namespace Portal.Api.V1;

/// <summary>
/// GET /alerts and GET /rules/{id}/live: what the publish targets evaluate now, from the same
/// <see cref="ILiveAlerts"/> as the Alerts page and the rule page's Live panel.
/// </summary>
public static class LiveEndpoints
{
    public static RouteGroupBuilder MapLive(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", (HttpRequest request, ILiveAlerts live, CancellationToken ct) => AlertsAsync(request.Query, live, ct));
        api.MapGet("/rules/{id}/live", (string id, ILiveAlerts live, CancellationToken ct) => RuleAsync(id, live, ct));
        return api;
    }

    public static async Task<IResult> AlertsAsync(IQueryCollection query, ILiveAlerts live, CancellationToken ct)
    {
        LiveState? state = null;
        if (query["state"].FirstOrDefault() is { Length: > 0 } stateText)
        {
            state = LiveText.Parse(stateText);
            if (state is not (LiveState.Firing or LiveState.Pending))
            {
                return ApiProblems.BadRequest($"Query parameter state=\"{stateText}\" is not a state an alert can be in: use firing or pending.");
            }
        }

        var filter = new AlertFilter(state, Blank(query["severity"]), Blank(query["team"]), Blank(query["q"]));
        var board = await live.AlertsAsync(filter, ct);
        if (board.TargetCount > 0 && board.Unavailable.Count == board.TargetCount)
        {
            // An empty list would read as "nothing is firing".
            return Unavailable(board.Unavailable);
        }

        return TypedResults.Ok(ToResponse(board));
    }

    public static async Task<IResult> RuleAsync(string id, ILiveAlerts live, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var ruleId) || await live.RuleAsync(ruleId, ct) is not { } rule)
        {
            return ApiProblems.NotFound($"There is no rule with id {id}.");
        }

        var problems = rule.Targets.Where(t => t.Problem is not null).Select(t => new TargetProblem(t.Target, t.Problem!)).ToList();
        if (rule.Targets.Count > 0 && problems.Count == rule.Targets.Count)
        {
            return Unavailable(problems);
        }

        return TypedResults.Ok(new
        {
            ruleId = rule.RuleId,
            published = rule.Key is { } key ? new { key.Namespace, key.Group, key.Name, key.Occurrence } : null,
            state = LiveText.Key(rule.State),
            release = rule.Release,
            seriesCut = rule.SeriesCut,
            at = rule.At,
            targets = rule.Targets.Select(t => new
            {
                target = t.Target,
                available = t.Problem is null,
                problem = t.Problem,
                release = t.File?.Release,
                verifiedAt = t.File?.VerifiedAt,
                file = t.File?.FileName,
                state = LiveText.Key(t.State),
                loaded = t.Rule is not null,
                health = t.Rule?.Health,
                lastError = t.Rule?.LastError,
                lastEvaluation = t.Rule?.LastEvaluation,
                evaluationSeconds = t.Rule?.EvaluationSeconds,
                seriesCount = t.Rule?.SeriesCount ?? 0,
                series = (t.Rule?.Series ?? []).Select(s => new
                {
                    state = LiveText.Key(s.State),
                    since = s.ActiveAt,
                    value = LiveText.Value(s.Value),
                    labels = s.Labels,
                }),
            }),
        });
    }

    /// <summary>The API's shape of the board: the page's groups and the unmanaged alerts, each alert with its links.</summary>
    public static object ToResponse(AlertBoard board) => new
    {
        at = board.At,
        firing = board.Firing,
        pending = board.Pending,
        total = board.Total,
        cut = board.Cut,
        unavailable = board.Unavailable.Select(p => new { target = p.Target, problem = p.Problem }),
        groups = board.Groups.Select(g => new { severity = g.Severity, team = g.Team, firing = g.Firing, pending = g.Pending, alerts = g.Alerts.Select(Alert) }),
        unmanaged = board.Unmanaged.Select(Alert),
    };

    private static object Alert(AlertEntry a) => new
    {
        ruleId = a.RuleId,
        @namespace = a.Namespace,
        group = a.Group,
        alertname = a.AlertName,
        team = a.Team,
        severity = a.Severity,
        state = LiveText.Key(a.State),
        since = a.Since,
        value = LiveText.Value(a.Value),
        labels = a.Labels,
        summary = a.Summary,
        runbook = a.Runbook,
        targets = a.Targets,
        rule = a.RuleId is { } id ? PortalRoutes.RuleEditorFor(id) : null,
        tuning = a.RuleId is { } tuned ? PortalRoutes.TuningFor(tuned) : null,
    };

    private static IResult Unavailable(IReadOnlyList<TargetProblem> problems) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Prometheus unavailable",
            detail: "No publish target answered: " + string.Join(" ", problems.Select(p => $"{p.Target}: {p.Problem}")),
            extensions: new Dictionary<string, object?> { ["unavailable"] = problems.Select(p => new { target = p.Target, problem = p.Problem }).ToList() });

    private static string? Blank(Microsoft.Extensions.Primitives.StringValues value) =>
        value.FirstOrDefault() is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
