using Portal.Domain.PromQl;
using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Caching;

namespace Portal.Infrastructure.Tuning;

/// <summary>What the tuning page asks for: the rule's query over a range, at the rule's evaluation interval.</summary>
public sealed record TuningRequest(string Query, DateTimeOffset Start, DateTimeOffset End, TimeSpan EvaluationInterval, int MaxSeries = 500);

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

public sealed class TuningRefusedException(string message) : Exception(message);

public interface ITuningData
{
    /// <summary>Plans the range (limits are checked before Prometheus is asked), then fetches through the cache.</summary>
    Task<TuningSamples> LoadAsync(TuningRequest request, CancellationToken ct);
}

internal sealed class TuningDataLoader(IRangeQueries queries) : ITuningData
{
    public async Task<TuningSamples> LoadAsync(TuningRequest request, CancellationToken ct)
    {
        var planned = RangePlan.Choose(request.Start, request.End, request.EvaluationInterval);
        if (planned.Plan is not { } plan)
        {
            throw new TuningRefusedException(planned.Problem!);
        }

        if (PromQlParser.Parse(request.Query).Error is { } error)
        {
            throw new TuningRefusedException($"{error.Position}: {error.Message}");
        }

        // A range query evaluates the query at every step with Prometheus' own lookback, which is
        // exactly what the rule sees at each evaluation, so no lookback has to be modelled here.
        var result = await queries.QueryRangeAsync(request.Query, plan, request.MaxSeries, ct);
        var series = result.Series
            .Select(s => new BacktestSeries(LabelMap.From(s.Labels), s.Samples.Select(p => new Sample(p.At.ToUnixTimeMilliseconds(), p.Value)).ToList()))
            .ToList();
        return new TuningSamples(request, plan, series, result.TotalSeries);
    }
}
