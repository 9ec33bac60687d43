using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Portal.Domain.Catalog;
using Portal.Domain.Queries;
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

    /// <summary>POST /tuning/grid only: the <c>for</c> rows (default 0s, 1m, 2m, 5m, 10m, 15m).</summary>
    public IReadOnlyList<string>? Fors { get; init; }

    /// <summary>POST /tuning/grid only: the threshold columns (default: the sweep's thresholds).</summary>
    public IReadOnlyList<double>? Thresholds { get; init; }
}

/// <summary>POST /backtest and POST /sweep: the same engine as the tuning page, for scripts and CI.</summary>
public static class TuningEndpoints
{
    // Values can be NaN or ±Inf (a series that was NaN while it held); plain JSON cannot carry them.
    private static readonly JsonSerializerOptions Json = new(ApiBody.Json) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static RouteGroupBuilder MapTuning(this RouteGroupBuilder api)
    {
        api.MapPost("/backtest", (HttpRequest request, ITuningData data, ITuningTargets targets, IOptions<PrometheusOptions> prometheus, CancellationToken ct) =>
            RunAsync(request, data, targets, prometheus.Value, (samples, target, _, _) =>
            {
                var result = Backtest.Run(samples.Input(target.Operator, target.Threshold, target.For, target.KeepFiringFor));
                return new
                {
                    target = Describe(target),
                    plan = new { samples.Plan.Start, samples.Plan.End, step = PromDuration.FromTimeSpan(samples.Plan.Step).ToString() },
                    stepNote = samples.StepNote,
                    cutSeries = samples.CutSeries,
                    coverage = Describe(result.Coverage),
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

        api.MapPost("/sweep", (HttpRequest request, ITuningData data, ITuningTargets targets, IOptions<PrometheusOptions> prometheus,
                IOptions<TuningAdviceOptions> advice, CancellationToken ct) =>
            RunAsync(request, data, targets, prometheus.Value, (samples, target, body, _) =>
            {
                var sweep = ThresholdSweep.Run(samples.Input(target.Operator, target.Threshold, target.For, target.KeepFiringFor),
                    advice.Value.Sweep(target.Severity, body.Budget));
                return new
                {
                    target = Describe(target), stepNote = samples.StepNote, cutSeries = samples.CutSeries, coverage = Describe(sweep.Coverage),
                    sweep.Unavailable, sweep.Quantiles, sweep.Suggestion, sweep.Points,
                };
            }, ct))
            .RequireRateLimiting(RateLimits.Sweep);

        api.MapPost("/tuning/grid", (HttpRequest request, ITuningData data, ITuningTargets targets, IOptions<PrometheusOptions> prometheus,
                IOptions<TuningAdviceOptions> advice, CancellationToken ct) =>
            RunAsync(request, data, targets, prometheus.Value, (samples, target, body, fors) =>
                TuningGridAnswer.Describe(samples, target, body, fors!, advice.Value), ct, TuningGridAnswer.Validate))
            .RequireRateLimiting(RateLimits.Sweep);
        return api;
    }

    private static async Task<IResult> RunAsync(HttpRequest request, ITuningData data, ITuningTargets targets, PrometheusOptions prometheus,
        Func<TuningSamples, TuningTarget, TuningApiRequest, IReadOnlyList<TimeSpan>?, object> answer, CancellationToken ct,
        Func<TuningApiRequest, (IReadOnlyList<TimeSpan>? Fors, IReadOnlyList<FieldError>? Errors)>? validate = null)
    {
        var body = await ApiBody.JsonAsync<TuningApiRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var input = body.Value!;
        var now = DateTimeOffset.UtcNow;
        if (Window(input, now, out var start, out var end) is { } wrong)
        {
            return ApiProblems.Validation(wrong);
        }

        var (fors, invalid) = validate?.Invoke(input) ?? (null, null);
        if (invalid is { Count: > 0 })
        {
            return ApiProblems.Validation(invalid);
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

        if (!double.IsFinite(target.Threshold))
        {
            return ApiProblems.Validation([new FieldError("threshold", $"The threshold is {target.Threshold}; a backtest needs a finite number.")]);
        }

        try
        {
            var samples = await data.LoadAsync(new TuningRequest(target.Query, start, end, target.Interval), ct);
            return TypedResults.Json(answer(samples, target, input, fors), Json);
        }
        catch (TuningRefusedException e)
        {
            return ApiProblems.BadRequest(e.Message, "Backtest refused");
        }
        catch (PrometheusException e) when (e.Kind == PrometheusErrorKind.TooLarge)
        {
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Too much data for one backtest", detail: e.Message,
                extensions: new Dictionary<string, object?> { ["field"] = input.RuleId is null ? "expr" : "ruleId" });
        }
        catch (PrometheusException e)
        {
            return Results.Problem(statusCode: e.Kind == PrometheusErrorKind.BadData ? 400 : 502, title: "Prometheus could not answer", detail: e.Message);
        }
    }

    /// <summary>
    /// The range from <c>range</c> and <c>end</c>, checked before any arithmetic on dates: an end in year 1
    /// minus a week is not a date, and Prometheus has nothing before 1970 or in the far future.
    /// </summary>
    internal static IReadOnlyList<FieldError>? Window(TuningApiRequest input, DateTimeOffset now, out DateTimeOffset start, out DateTimeOffset end)
    {
        (start, end) = (default, input.End ?? now);
        var errors = new List<FieldError>();
        if (!PromDuration.TryParse(input.Range, out var range, out var rangeError))
        {
            errors.Add(new FieldError("range", rangeError));
        }
        else if (range.TotalMilliseconds == 0)
        {
            errors.Add(new FieldError("range", "The range must be longer than 0s."));
        }
        else if (range.ToTimeSpan() > RangePlan.MaxRange)
        {
            errors.Add(new FieldError("range", $"At most {RangePlan.MaxRange.TotalDays:0} days can be backtested at once."));
        }

        if (end > now.AddDays(1))
        {
            errors.Add(new FieldError("end", $"{end:O} is in the future; a backtest needs samples that exist."));
        }
        else if (errors.Count == 0 && end.UtcTicks - range.ToTimeSpan().Ticks < DateTimeOffset.UnixEpoch.UtcTicks)
        {
            errors.Add(new FieldError("end", $"Ending at {end:O}, the range would start before 1970-01-01, where Prometheus holds no samples."));
        }

        if (input.Budget is { } budget && (!double.IsFinite(budget) || budget < 0))
        {
            errors.Add(new FieldError("budget", "The budget is alerts per week: a finite number of at least 0."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        start = end - range.ToTimeSpan();
        return null;
    }

    private static async Task<(TuningTarget? Target, IResult? Problem)> ResolveAsync(TuningApiRequest input, ITuningTargets targets, PrometheusOptions prometheus, CancellationToken ct)
    {
        if (input.RuleId is { } id)
        {
            var (stored, why) = await targets.ForRuleAsync(id, ct);
            return (stored, stored is null ? ApiProblems.Validation([new FieldError("ruleId", why!)]) : null);
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
        if (interval is { } every && (every.TotalMilliseconds == 0 || every.ToTimeSpan() > RangePlan.MaxRange))
        {
            problems.Add($"interval: {every} is not an evaluation interval; give one between 1ms and {RangePlan.MaxRange.TotalDays:0}d.");
        }

        if (problems.Count > 0)
        {
            return (null, ApiProblems.BadRequest(string.Join("; ", problems)));
        }

        var (target, problem) = TuningTarget.FromExpression("expression", input.Expr, @for?.ToTimeSpan() ?? TimeSpan.Zero,
            keep?.ToTimeSpan() ?? TimeSpan.Zero, interval?.ToTimeSpan() ?? prometheus.EvaluationInterval, input.Severity);
        return (target, target is null ? ApiProblems.Validation([new FieldError("expr", problem!)]) : null);
    }

    /// <summary>Seconds, not TimeSpan strings: scripts compare and divide them.</summary>
    internal static object Describe(Coverage coverage) => new { coverage.SecondsWithData, coverage.SecondsAsked, coverage.Share };

    internal static object Describe(TuningTarget target) => new
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
