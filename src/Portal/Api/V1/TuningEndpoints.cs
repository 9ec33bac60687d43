using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Tuning;
using Portal.Security;

namespace Portal.Api.V1;

/// <summary>
/// The body of POST /backtest and /sweep: a stored rule (<c>ruleId</c>), or an expression in threshold
/// form with its timing; the range ends now unless <c>end</c> is given.
/// </summary>
public sealed record TuningApiRequest
{
    public Guid? RuleId { get; init; }
    public string? Expr { get; init; }
    public string? For { get; init; }
    [JsonPropertyName("keep_firing_for")]
    public string? KeepFiringFor { get; init; }
    public string? Interval { get; init; }
    public string? Severity { get; init; }
    /// <summary>Overrides the rule's threshold, to ask "what if".</summary>
    public double? Threshold { get; init; }
    public string Range { get; init; } = "7d";
    public DateTimeOffset? End { get; init; }
    public double? Budget { get; init; }
}

/// <summary>POST /backtest and POST /sweep: the same engine as the tuning page, for scripts and CI.</summary>
public static class TuningEndpoints
{
    // Values can be NaN or ±Inf (a series that was NaN while it held); plain JSON cannot carry them.
    private static readonly JsonSerializerOptions Json = new(ApiBody.Json) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static RouteGroupBuilder MapTuning(this RouteGroupBuilder api)
    {
        api.MapPost("/backtest", (HttpRequest request, ITuningData data, ITuningTargets targets, IOptions<PrometheusOptions> prometheus, CancellationToken ct) =>
            RunAsync(request, data, targets, prometheus.Value, (samples, target, _) =>
            {
                var result = Backtest.Run(samples.Input(target.Operator, target.Threshold, target.For, target.KeepFiringFor));
                return new
                {
                    target = Describe(target),
                    plan = new { samples.Plan.Start, samples.Plan.End, step = PromDuration.FromTimeSpan(samples.Plan.Step).ToString() },
                    stepNote = samples.StepNote,
                    cutSeries = samples.CutSeries,
                    total = result.Total,
                    series = result.Series.Select(s => new
                    {
                        labels = s.Labels,
                        statistics = s.Statistics,
                        episodes = s.Episodes.Select(e => new
                        {
                            pendingSince = DateTimeOffset.FromUnixTimeMilliseconds(e.PendingSinceMs),
                            firingSince = e.FiringSinceMs is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : (DateTimeOffset?)null,
                            resolvedAt = e.ResolvedAtMs is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : (DateTimeOffset?)null,
                            peak = e.PeakValue,
                        }),
                    }),
                };
            }, ct))
            .RequireRateLimiting(RateLimits.Backtest);

        api.MapPost("/sweep", (HttpRequest request, ITuningData data, ITuningTargets targets, IOptions<PrometheusOptions> prometheus, CancellationToken ct) =>
            RunAsync(request, data, targets, prometheus.Value, (samples, target, budget) =>
            {
                var sweep = ThresholdSweep.Run(samples.Input(target.Operator, target.Threshold, target.For, target.KeepFiringFor),
                    new SweepOptions { Severity = target.Severity, Budget = budget });
                return new { target = Describe(target), stepNote = samples.StepNote, cutSeries = samples.CutSeries, sweep.Quantiles, sweep.Suggestion, sweep.Points };
            }, ct))
            .RequireRateLimiting(RateLimits.Sweep);
        return api;
    }

    private static async Task<IResult> RunAsync(HttpRequest request, ITuningData data, ITuningTargets targets, PrometheusOptions prometheus,
        Func<TuningSamples, TuningTarget, double?, object> answer, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<TuningApiRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var input = body.Value!;
        if (!PromDuration.TryParse(input.Range, out var range, out var rangeError))
        {
            return ApiProblems.BadRequest($"range: {rangeError}");
        }

        var (target, problem) = await ResolveAsync(input, targets, prometheus, ct);
        if (target is null)
        {
            return problem!;
        }

        if (input.Threshold is { } what)
        {
            target = target with { Threshold = what };
        }

        var end = input.End ?? DateTimeOffset.UtcNow;
        try
        {
            var samples = await data.LoadAsync(new TuningRequest(target.Query, end - range.ToTimeSpan(), end, target.Interval), ct);
            return TypedResults.Json(answer(samples, target, input.Budget), Json);
        }
        catch (TuningRefusedException e)
        {
            return ApiProblems.BadRequest(e.Message, "Backtest refused");
        }
        catch (PrometheusException e)
        {
            return Results.Problem(statusCode: e.Kind == PrometheusErrorKind.BadData ? 400 : 502, title: "Prometheus could not answer", detail: e.Message);
        }
    }

    private static async Task<(TuningTarget? Target, IResult? Problem)> ResolveAsync(TuningApiRequest input, ITuningTargets targets, PrometheusOptions prometheus, CancellationToken ct)
    {
        if (input.RuleId is { } id)
        {
            var (stored, why) = await targets.ForRuleAsync(id, ct);
            return (stored, stored is null ? ApiProblems.BadRequest(why!) : null);
        }

        if (string.IsNullOrWhiteSpace(input.Expr))
        {
            return (null, ApiProblems.BadRequest("Give a ruleId, or an expr in threshold form such as `rate(errors_total[5m]) > 1`."));
        }

        PromDuration? Parse(string? text, string field, List<string> errors)
        {
            if (text is null)
            {
                return null;
            }

            if (PromDuration.TryParse(text, out var value, out var error))
            {
                return value;
            }

            errors.Add($"{field}: {error}");
            return null;
        }

        var problems = new List<string>();
        var @for = Parse(input.For, "for", problems);
        var keep = Parse(input.KeepFiringFor, "keep_firing_for", problems);
        var interval = Parse(input.Interval, "interval", problems);
        if (problems.Count > 0)
        {
            return (null, ApiProblems.BadRequest(string.Join("; ", problems)));
        }

        var (target, problem) = TuningTarget.FromExpression("expression", input.Expr, @for?.ToTimeSpan() ?? TimeSpan.Zero,
            keep?.ToTimeSpan() ?? TimeSpan.Zero, interval?.ToTimeSpan() ?? prometheus.EvaluationInterval, input.Severity);
        return (target, target is null ? ApiProblems.BadRequest(problem!) : null);
    }

    private static object Describe(TuningTarget target) => new
    {
        target.Name,
        target.Query,
        @operator = Comparisons.Symbol(target.Operator),
        target.Threshold,
        @for = PromDuration.FromTimeSpan(target.For).ToString(),
        keepFiringFor = PromDuration.FromTimeSpan(target.KeepFiringFor).ToString(),
        interval = PromDuration.FromTimeSpan(target.Interval).ToString(),
        target.Severity,
    };
}
