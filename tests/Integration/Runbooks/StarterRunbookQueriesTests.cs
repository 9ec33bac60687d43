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

        var series = new Dictionary<string, int>();
        foreach (var block in StarterRunbooks.All.SelectMany(r => RunbookMarkdown.Render(r.Body).Parts).Select(p => p.Live).OfType<LiveBlock>())
        {
            var samples = await data.LoadAsync(new TuningRequest(block.Query, end - block.Range, end, LivePromQlBlock.Step(block.Range), LivePromQlBlock.MaxSeries), default);
            series[block.Query] = samples.TotalSeries;
        }

        Assert.True(series.Count >= 8, $"only {series.Count} live blocks");
        Assert.True(series["sum by (instance) (pg_stat_activity_count) / on (instance) pg_settings_max_connections"] >= 1);
        Assert.True(series["redis_memory_used_bytes / redis_config_maxmemory"] >= 1);
        Assert.True(series["process_resident_memory_bytes{job=\"prometheus\"}"] >= 1);
    }
}
