using Portal.Domain.Queries;

namespace Portal.Tests.Unit.Domain;

public class RangePlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Choose_ShortRange_UsesTheEvaluationInterval()
    {
        var plan = RangePlan.Choose(Now.AddHours(-1), Now, TimeSpan.FromSeconds(30)).Plan!;

        Assert.Equal(TimeSpan.FromSeconds(30), plan.Step);
        Assert.Equal(121, plan.PointsPerSeries);
    }

    [Fact]
    public void Choose_LongRange_CoarsensTheStepToStayUnderTheLimit_InWholeIntervals()
    {
        var plan = RangePlan.Choose(Now.AddDays(-30), Now, TimeSpan.FromSeconds(30)).Plan!;

        Assert.True(plan.PointsPerSeries <= RangePlan.MaxPointsPerSeries, $"{plan.PointsPerSeries} points");
        Assert.Equal(0, plan.Step.Ticks % TimeSpan.FromSeconds(30).Ticks);
        Assert.Equal(TimeSpan.FromSeconds(240), plan.Step);
    }

    [Fact]
    public void Choose_AlignsStartAndEndToTheStep()
    {
        var plan = RangePlan.Choose(Now.AddHours(-1).AddSeconds(7), Now.AddSeconds(13), TimeSpan.FromMinutes(1)).Plan!;

        Assert.Equal(0, plan.Start.ToUnixTimeSeconds() % 60);
        Assert.Equal(0, plan.End.ToUnixTimeSeconds() % 60);
    }

    [Theory]
    [InlineData(31, 60, "at most 30 days")]
    [InlineData(-1, 60, "must end after")]
    [InlineData(1, 0, "must be positive")]
    public void Choose_RefusesBeforeAskingPrometheus(int days, int intervalSeconds, string reason) =>
        Assert.Contains(reason, RangePlan.Choose(Now.AddDays(-Math.Abs(days)), days < 0 ? Now.AddDays(-2) : Now, TimeSpan.FromSeconds(intervalSeconds)).Problem);
}
