using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.PromQl;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Cluster;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Tuning;

/// <summary>
/// Measures how noisy each enabled alert is (fires per week over the last seven days at its group's
/// interval) so the rules list can sort by it: the teams' hand-made "effectiveness scores", measured.
/// Skipped while Prometheus is down; stops promptly with the portal. Only the replica leading
/// <see cref="LeaderJobs.Noise"/> measures: every replica would ask Prometheus for the same week of every alert and
/// write the same rows.
/// </summary>
internal sealed class NoiseMeasurement(
    IServiceProvider services,
    IOptions<NoiseOptions> options,
    TimeProvider clock,
    ILeaderLocks leaders,
    IOptions<LeaderOptions> leadership,
    ILogger<NoiseMeasurement> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Every <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(settings.FirstRunAfter, clock, stoppingToken);
            using var timer = new PeriodicTimer(LeaderJob.Tick(settings.Every, leadership.Value), clock);
            await using var leader = new LeaderJob(leaders, LeaderJobs.Noise, clock, logger);
            do
            {
                await leader.RunIfLeaderAsync(settings.Every, MeasureAllAsync, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over every enabled alert; returns how many were measured.</summary>
    internal async Task<int> MeasureAllAsync(CancellationToken ct)
    {
        var status = await services.GetRequiredService<PrometheusStatus>().GetAsync(ct);
        if (!status.IsUp)
        {
            logger.LogInformation("Alert noise not measured: Prometheus is unreachable ({Error})", status.Error);
            return 0;
        }

        var noise = services.GetRequiredService<IRuleNoise>();
        var candidates = await noise.AlertsToMeasureAsync(ct);
        var measured = 0;
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Concurrency), CancellationToken = ct },
            async (candidate, token) =>
            {
                try
                {
                    var firesPerWeek = await MeasureAsync(candidate, token);
                    await noise.RecordAsync(candidate.RuleId, firesPerWeek, token);
                    Interlocked.Increment(ref measured);
                }
                catch (Exception e) when (e is PrometheusException or TuningRefusedException)
                {
                    logger.LogWarning("Alert noise of {Rule} not measured: {Reason}", candidate.Name, e.Message);
                }
            });
        logger.LogInformation("Measured the noise of {Measured} of {Total} alerts", measured, candidates.Count);
        return measured;
    }

    private async Task<double> MeasureAsync(NoiseCandidate candidate, CancellationToken ct)
    {
        var end = clock.GetUtcNow();
        var loader = services.GetRequiredService<ITuningData>();
        // An expression without a threshold fires for every series it returns: ask for the whole
        // expression and let "has a sample" be the condition (x != MaxValue holds for every sample, NaN too).
        var threshold = candidate.Threshold;
        var query = threshold is null ? candidate.Expression : candidate.Query!;
        var samples = await loader.LoadAsync(new TuningRequest(query, end - options.Value.Range, end, candidate.Interval), ct);
        var input = threshold is null
            ? samples.Input(TokenKind.Neq, double.MaxValue, candidate.For, candidate.KeepFiringFor)
            : samples.Input(Comparisons.FromSymbol(candidate.Operator!), threshold.Value, candidate.For, candidate.KeepFiringFor);
        return Backtest.Run(input).Total.AlertsPerWeek;
    }
}
