using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Tuning;
using Portal.Tests.Integration.Catalog;

namespace Portal.Tests.Integration.Tuning;

/// <summary>Samples for tuning come from the real Prometheus, and the noise job measures real rules.</summary>
public class TuningDataTests(CatalogDatabase database) : IClassFixture<CatalogDatabase>
{
    private static TuningRequest LastMinutes(string query) =>
        new(query, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5));

    [Fact]
    public async Task Load_ThenBacktest_ThresholdsDecideWhetherTheStacksTargetsWouldFire()
    {
        await using var portal = PortalFactory.For();
        var samples = await portal.Services.GetRequiredService<ITuningData>().LoadAsync(LastMinutes("up{job=\"prometheus\"}"), default);

        var fires = Backtest.Run(samples.Input(TokenKind.Gtr, 0.5, TimeSpan.Zero, TimeSpan.Zero));
        var quiet = Backtest.Run(samples.Input(TokenKind.Gtr, 2, TimeSpan.Zero, TimeSpan.Zero));

        Assert.Single(samples.Series);
        Assert.True(fires.Total.FiringEpisodes >= 1);
        Assert.Equal(0, quiet.Total.FiringEpisodes);
        Assert.Null(samples.StepNote);
    }

    [Fact]
    public async Task Load_RefusesRangesBeyondTheLimitAndBadQueries_BeforeAskingPrometheus()
    {
        await using var portal = PortalFactory.For();
        var loader = portal.Services.GetRequiredService<ITuningData>();

        var tooLong = await Assert.ThrowsAsync<TuningRefusedException>(() =>
            loader.LoadAsync(new TuningRequest("up", DateTimeOffset.UtcNow.AddDays(-40), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)), default));
        var badQuery = await Assert.ThrowsAsync<TuningRefusedException>(() => loader.LoadAsync(LastMinutes("sum(up"), default));

        Assert.Contains("30 days", tooLong.Message);
        Assert.StartsWith("1:", badQuery.Message);
    }

    [Fact]
    public async Task NoiseJob_MeasuresEveryEnabledAlert_AndTheListShowsIt()
    {
        var store = database.Store;
        var ns = (await store.CreateNamespaceAsync("noise", "sre", As.Admin("alice"), default)).Value!;
        var group = (await store.SaveGroupAsync(new GroupEdit(null, ns.Id, "g", PromDuration.Parse("5s"), null, 0), As.Admin("alice"), default)).Value!;
        RuleContent Alert(string name, string expr) => new(RuleKind.Alerting, name, expr, null, null,
            LabelMap.From(new Dictionary<string, string> { ["severity"] = "warning" }), LabelMap.Empty);
        await store.SaveAsync(new RuleEdit(null, group.Id, Alert("AlwaysFiring", "up{job=\"prometheus\"} > 0"), 0), As.Admin("alice"), default);
        await store.SaveAsync(new RuleEdit(null, group.Id, Alert("NeverFiring", "up{job=\"prometheus\"} > 5"), 0), As.Admin("alice"), default);
        await store.SaveAsync(new RuleEdit(null, group.Id, Alert("NoThreshold", "up{job=\"prometheus\"}"), 0), As.Admin("alice"), default);

        // A week of a young stack holds a few minutes of data; measure the last ten minutes at the rules' own 5 s
        // so the result does not depend on how long the stack has been up.
        await using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = TestStack.DatabaseConnection(database.Name),
            ["Redis:Configuration"] = TestStack.RedisConfiguration,
            ["Prometheus:Url"] = TestStack.PrometheusUrl.ToString(),
            ["Noise:Range"] = "00:10:00",
        });
        // A week at a 5 s interval needs a coarser step and several chunks: it must still load.
        var probe = await Record.ExceptionAsync(() => portal.Services.GetRequiredService<ITuningData>().LoadAsync(
            new TuningRequest("up{job=\"prometheus\"} > 0", DateTimeOffset.UtcNow.AddDays(-7), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5)), default));
        Assert.Null(probe);
        var measured = await portal.Services.GetRequiredService<NoiseMeasurement>().MeasureAllAsync(default);

        var rules = (await store.ListAsync(new RuleQuery(Namespace: "noise", Sort: RuleSort.Name), default)).Items;
        Assert.Equal(3, measured);
        Assert.True(rules.Single(r => r.Name == "AlwaysFiring").FiresPerWeek > 0);
        Assert.Equal(0, rules.Single(r => r.Name == "NeverFiring").FiresPerWeek);
        Assert.True(rules.Single(r => r.Name == "NoThreshold").FiresPerWeek > 0);
    }
}
