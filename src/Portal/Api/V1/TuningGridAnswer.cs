using Portal.Domain.Catalog;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Queries;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Tuning;

namespace Portal.Api.V1;

/// <summary>POST /api/v1/tuning/grid: alerts/week and detection delay at every threshold × <c>for</c>.</summary>
internal static class TuningGridAnswer
{
    /// <summary>The sweep has about 200 thresholds; more columns would not fit a heatmap nor a rate limit.</summary>
    public const int MaxThresholds = 200;

    public static (IReadOnlyList<TimeSpan>? Fors, IReadOnlyList<FieldError>? Errors) Validate(TuningApiRequest body)
    {
        var errors = new List<FieldError>();
        var fors = new List<TimeSpan>();
        if (body.Fors is { } given)
        {
            if (given.Count is 0 or > ThresholdForGrid.MaxFors)
            {
                errors.Add(new FieldError("fors", $"Give between 1 and {ThresholdForGrid.MaxFors} `for` durations, not {given.Count}."));
            }

            for (var i = 0; i < Math.Min(given.Count, ThresholdForGrid.MaxFors); i++)
            {
                if (!PromDuration.TryParse(given[i] ?? "", out var duration, out var error))
                {
                    errors.Add(new FieldError($"fors[{i}]", error));
                }
                else if (duration.ToTimeSpan() > RangePlan.MaxRange)
                {
                    errors.Add(new FieldError($"fors[{i}]", $"{duration} is longer than any range that can be backtested ({RangePlan.MaxRange.TotalDays:0}d)."));
                }
                else
                {
                    fors.Add(duration.ToTimeSpan());
                }
            }
        }

        if (body.Thresholds is { } thresholds)
        {
            if (thresholds.Count is 0 or > MaxThresholds)
            {
                errors.Add(new FieldError("thresholds", $"Give between 1 and {MaxThresholds} thresholds, not {thresholds.Count}."));
            }
            else if (thresholds.Select((t, i) => (t, i)).FirstOrDefault(x => !double.IsFinite(x.t)) is { t: var bad, i: var at } && !double.IsFinite(bad))
            {
                errors.Add(new FieldError($"thresholds[{at}]", $"{bad} is not a threshold; give finite numbers."));
            }
        }

        return (body.Fors is null ? ThresholdForGrid.DefaultFors : fors, errors);
    }

    public static object Describe(TuningSamples samples, TuningTarget target, TuningApiRequest body, IReadOnlyList<TimeSpan> fors, TuningAdviceOptions advice)
    {
        var input = samples.Input(target.Operator, target.Threshold, target.For, target.KeepFiringFor);
        var sweep = ThresholdSweep.Run(input, advice.Sweep(target.Severity, body.Budget));
        // Without thresholds asked for, the columns are the sweep's (for == and != that is the rule's own value).
        var grid = ThresholdForGrid.Run(input, body.Thresholds ?? sweep.Points.Select(p => p.Threshold).ToList(), fors);
        return new
        {
            target = TuningEndpoints.Describe(target),
            stepNote = samples.StepNote,
            cutSeries = samples.CutSeries,
            coverage = TuningEndpoints.Describe(grid.Coverage),
            sweep.Unavailable,
            suggestion = new { sweep.Suggestion.Threshold, sweep.Suggestion.Withheld, sweep.Suggestion.WithheldReason },
            thresholds = grid.Thresholds,
            fors = grid.Fors.Select(f => PromDuration.FromTimeSpan(f).ToString()),
            rows = grid.Rows.Select((row, f) => new
            {
                @for = PromDuration.FromTimeSpan(grid.Fors[f]).ToString(),
                cells = row.Select((cell, t) => new
                {
                    threshold = grid.Thresholds[t],
                    cell.FiringEpisodes,
                    cell.AlertsPerWeek,
                    cell.FiringHours,
                    medianDelaySeconds = cell.MedianDelay?.TotalSeconds,
                }),
            }),
        };
    }
}
