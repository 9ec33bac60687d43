using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Runbooks;
using Portal.Features.Runbooks;
using Portal.Infrastructure.Tuning;
using Portal.Tests.Integration.Lint;

namespace Portal.Tests.Integration.Runbooks;

/// <summary>
/// The starter runbooks' live blocks, asked of the test stack's Prometheus the way the live block asks (the tuning
/// data path, the block's range, its step): Prometheus accepts every query, and the exporter ones draw data (those
/// over an hour or a few; a 7-day block's coarse steps may hold no sample yet on a stack minutes old).
/// </summary>
public sealed class StarterRunbookQueriesTests
{
    [Fact]
    public async Task EveryStarterLiveBlock_IsAnsweredByTheRealPrometheus_AndTheExporterRatiosHaveData()
    {
        await using var portal = PortalFactory.For();
        await LiveLintTests.WaitForSeriesAsync(portal, "redis_memory_used_bytes");
        await LiveLintTests.WaitForSeriesAsync(portal, "pg_settings_max_connections");
        var data = portal.Services.GetRequiredService<ITuningData>();
        var end = DateTimeOffset.UtcNow;

        var blocks = StarterRunbooks.All.SelectMany(r => RunbookMarkdown.Render(r.Body).Parts).Select(p => p.Live).OfType<LiveBlock>().ToList();
        var series = new Dictionary<string, int>();
        foreach (var block in blocks)
        {
            series[block.Query] = await SeriesAsync(data, block, end);
        }

        Assert.True(series.Count >= 8, $"only {series.Count} live blocks");
        string[] withData =
        [
            "sum by (instance) (pg_stat_activity_count) / on (instance) pg_settings_max_connections",
            "redis_memory_used_bytes / redis_config_maxmemory",
            "process_resident_memory_bytes{job=\"prometheus\"}",
        ];

        // On a stack started moments ago, the last whole step of a 6-hour range (90 s) may end before the first
        // scrape; the data arrives within a step.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        foreach (var query in withData)
        {
            var block = blocks.Single(b => b.Query == query);
            while (series[query] == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                series[query] = await SeriesAsync(data, block, DateTimeOffset.UtcNow);
            }

            Assert.True(series[query] >= 1, $"no series for {query}");
        }
    }

    private static async Task<int> SeriesAsync(ITuningData data, LiveBlock block, DateTimeOffset end)
    {
        var samples = await data.LoadAsync(new TuningRequest(block.Query, end - block.Range, end, LivePromQlBlock.Step(block.Range), LivePromQlBlock.MaxSeries), default);
        return samples.TotalSeries;
    }
}
