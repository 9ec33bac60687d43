using Portal.Domain.PromQl;
using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;

namespace Portal.Infrastructure.Tuning;

/// <summary>
/// The samples a backtest runs on, fetched once: moving a threshold or <c>for</c> re-runs the Domain
/// engine on these in memory and never asks Prometheus again.
/// </summary>
public sealed record TuningSamples(TuningRequest Request, RangePlan Plan, IReadOnlyList<BacktestSeries> Series, int TotalSeries)
{
    public int CutSeries => TotalSeries - Series.Count;

    /// <summary>Said to the user when the range forced a coarser step than the rule's interval.</summary>
    public string? StepNote => Plan.Step > Request.EvaluationInterval
        ? $"Over this range the rule is evaluated every {PromDuration.FromTimeSpan(Plan.Step)} instead of every {PromDuration.FromTimeSpan(Request.EvaluationInterval)} to stay under {RangePlan.MaxPointsPerSeries:N0} points per series; short spikes may be missed."
        : null;

    public BacktestInput Input(TokenKind op, double threshold, TimeSpan @for, TimeSpan keepFiringFor) => new()
    {
        Series = Series,
        Operator = op,
        Threshold = threshold,
        For = @for,
        KeepFiringFor = keepFiringFor,
        Interval = Plan.Step,
        StartMs = Plan.Start.ToUnixTimeMilliseconds(),
        EndMs = Plan.End.ToUnixTimeMilliseconds(),
    };
}
