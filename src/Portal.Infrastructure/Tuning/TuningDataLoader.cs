using Portal.Domain.PromQl;
using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Caching;

namespace Portal.Infrastructure.Tuning;

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
