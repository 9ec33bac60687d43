using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Infrastructure.Health;

namespace Portal.Tests.Unit.Api;

public class HealthHistoryTests
{
    private static HealthReport Report(double dbMs, HealthStatus cache) => new(
        new Dictionary<string, HealthReportEntry>
        {
            ["db"] = new(HealthStatus.Healthy, null, TimeSpan.FromMilliseconds(dbMs), null, null),
            ["cache"] = new(cache, "down", TimeSpan.FromMilliseconds(2), null, null),
        },
        TimeSpan.FromMilliseconds(dbMs));

    [Fact]
    public async Task Publish_KeepsEachComponentsResults_InOrder()
    {
        var history = new HealthHistory();

        await history.PublishAsync(Report(3, HealthStatus.Healthy), default);
        await history.PublishAsync(Report(7, HealthStatus.Unhealthy), default);

        Assert.Equal([3.0, 7.0], history.Samples.Where(s => s.Component == "db").Select(s => s.LatencyMs));
        Assert.Equal([HealthStatus.Healthy, HealthStatus.Unhealthy], history.Samples.Where(s => s.Component == "cache").Select(s => s.Status));
    }

    [Fact]
    public async Task Publish_ForgetsTheOldest_BeyondAnHourOfResults()
    {
        var history = new HealthHistory();

        for (var i = 0; i < 300; i++)
        {
            await history.PublishAsync(Report(i, HealthStatus.Healthy), default);
        }

        var db = history.Samples.Where(s => s.Component == "db").ToList();
        Assert.Equal(240, db.Count);
        Assert.Equal(60, db[0].LatencyMs);
    }
}
