using Portal.Domain.Capacity;
using Portal.Domain.Tuning;

namespace Portal.Tests.Unit.Domain.Capacity;

public class CapacityAssessorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const long Hour = 3_600_000;

    private static readonly CapacityModelSpec Connections = new("PostgreSQL connections", "sum(pg_stat_activity_count)",
        CapacityLimit.FromQuery("max(pg_settings_max_connections)"), "connections", 0.75, 0.9,
        [new CapacityMark("autoscale", 0.75), new CapacityMark("cliff", 0.9)]);

    private static List<Sample> Week(Func<int, double> valueAtHour) =>
        Enumerable.Range(0, 168).Select(i => new Sample(Now.ToUnixTimeMilliseconds() - (167 - i) * Hour, valueAtHour(i))).ToList();

    [Theory]
    [InlineData(0.10, CapacityBand.Ok)]
    [InlineData(0.7499, CapacityBand.Ok)]
    [InlineData(0.75, CapacityBand.Warning)]
    [InlineData(0.8999, CapacityBand.Warning)]
    [InlineData(0.90, CapacityBand.Critical)]
    [InlineData(1.20, CapacityBand.Critical)]
    public void Band_ClassifiesAgainstTheFractions(double utilization, CapacityBand expected) =>
        Assert.Equal(expected, CapacityAssessor.Band(utilization, 0.75, 0.9));

    [Fact]
    public void Assess_GrowingPool_SaysWhereItIsAndWhenTheCliffComes()
    {
        // 500 connections; 410 now (82 %), growing 10 a day: the cliff (450) in 4 days.
        var usage = Week(i => 410 - 10 * (167 - i) / 24.0);

        var assessment = CapacityAssessor.Assess(Connections, usage, 500, Now);

        Assert.Equal(410, assessment.Current!.Value, 6);
        Assert.Equal(0.82, assessment.Utilization!.Value, 6);
        Assert.Equal(CapacityBand.Warning, assessment.Band);
        Assert.Equal("At 82 % of the limit, above the autoscale mark; at this rate the cliff mark is reached in 4 days.", assessment.Recommendation);
        Assert.Null(assessment.Problem);
    }

    [Fact]
    public void Assess_FlatUsage_SaysNotGrowing()
    {
        var assessment = CapacityAssessor.Assess(Connections, Week(_ => 100), 500, Now);

        Assert.Equal(CapacityBand.Ok, assessment.Band);
        Assert.Equal("At 20 % of the limit; not growing.", assessment.Recommendation);
    }

    [Fact]
    public void Assess_OverTheLimit_SaysSo()
    {
        var assessment = CapacityAssessor.Assess(Connections, Week(_ => 520), 500, Now);

        Assert.Equal(CapacityBand.Critical, assessment.Band);
        Assert.Equal("At 104 % of the limit, at or over the limit itself; not growing.", assessment.Recommendation);
    }

    [Fact]
    public void Assess_NoUsage_IsNoData()
    {
        var assessment = CapacityAssessor.Assess(Connections, [], 500, Now);

        Assert.Equal(CapacityBand.NoData, assessment.Band);
        Assert.Null(assessment.Current);
        Assert.Equal(CapacityRecommendation.NoData, assessment.Recommendation);
    }

    [Fact]
    public void Assess_QueryProblem_IsAnError_WithTheProblem()
    {
        var assessment = CapacityAssessor.Assess(Connections, Week(_ => 1), 500, Now, "The usage query answered 3 series; it must answer one.");

        Assert.Equal(CapacityBand.Error, assessment.Band);
        Assert.Equal("The usage query answered 3 series; it must answer one.", assessment.Problem);
        Assert.StartsWith("Cannot be judged until this is fixed:", assessment.Recommendation);
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(-5d)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Assess_LimitNotAboveZeroOrNotFinite_IsAnError(double limit)
    {
        var assessment = CapacityAssessor.Assess(Connections, Week(_ => 1), limit, Now);

        Assert.Equal(CapacityBand.Error, assessment.Band);
        Assert.Null(assessment.Utilization);
        Assert.NotNull(assessment.Problem);
    }

    [Fact]
    public void Assess_RedisWithoutMaxmemory_SaysNoMaxmemorySet()
    {
        var redis = StarterCapacity.Set.Models.Single(m => m.Name == "Redis memory");

        var assessment = CapacityAssessor.Assess(redis, Week(_ => 1_000_000), 0, Now);

        Assert.Equal(CapacityBand.Error, assessment.Band);
        Assert.StartsWith("No maxmemory set", assessment.Problem);
    }

    [Fact]
    public void Recommendation_NamesTheHighestMarkPassed_AndTheNextLevel()
    {
        var spec = Connections with { Warning = 0.6, Critical = 0.95 };
        var forecast = new CapacityForecast(10, true, null, TimeSpan.FromDays(5), TimeSpan.FromDays(6), 100) { LevelNow = 400 };

        // 80 %: passed warning (60 %) and autoscale (75 %); next is the cliff at 90 % = 450, 50 away at 10 a day.
        Assert.Equal("At 80 % of the limit, above the autoscale mark; at this rate the cliff mark is reached in 5 days.",
            CapacityRecommendation.Sentence(spec, 0.8, 500, forecast));
        // Below every line, falling.
        Assert.Equal("At 10 % of the limit; not growing.", CapacityRecommendation.Sentence(spec, 0.1, 500, forecast with { Growing = false }));
        // No trend yet.
        Assert.Equal("At 10 % of the limit; too little data for a trend yet.", CapacityRecommendation.Sentence(spec, 0.1, 500, null));
    }

    [Theory]
    [InlineData(0.5, "under an hour")]
    [InlineData(1.5, "1 hour")]
    [InlineData(30, "30 hours")]
    [InlineData(80, "3 days")]
    public void Duration_IsInWholeUnitsRoundedDown(double hours, string expected) =>
        Assert.Equal(expected, CapacityRecommendation.Duration(TimeSpan.FromHours(hours)));
}
