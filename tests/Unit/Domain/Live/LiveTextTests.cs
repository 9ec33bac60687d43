using Portal.Domain.Live;
using static Portal.Tests.Unit.Domain.Live.LiveTestData;

namespace Portal.Tests.Unit.Domain.Live;

public class LiveTextTests
{
    [Fact]
    public void Since_FiringToday_SaysTheTimeAndHowLong() =>
        Assert.Equal("firing since 13:25:00 UTC (5 min)", LiveText.Since(LiveState.Firing, Now.AddMinutes(-5), Now));

    [Fact]
    public void Since_PendingFromYesterday_SaysTheDateToo() =>
        Assert.Equal("pending since 2026-12-03 11:30 UTC (1 d 2 h)", LiveText.Since(LiveState.Pending, Now.AddHours(-26), Now));

    [Theory]
    [InlineData(LiveState.Inactive, "inactive")]
    [InlineData(LiveState.NoData, "no data")]
    public void Since_WithoutAnActiveSeries_SaysOnlyTheState(LiveState state, string expected) =>
        Assert.Equal(expected, LiveText.Since(state, Now, Now));

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(300, "5 min")]
    [InlineData(7200, "2 h")]
    [InlineData(7500, "2 h 5 min")]
    [InlineData(3 * 86400 + 4 * 3600, "3 d 4 h")]
    [InlineData(-5, "0 s")]
    public void Duration_ReadsAsAPersonSaysIt(int seconds, string expected) =>
        Assert.Equal(expected, LiveText.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("firing", LiveState.Firing)]
    [InlineData("Pending", LiveState.Pending)]
    [InlineData("nodata", LiveState.NoData)]
    [InlineData("no data", LiveState.NoData)]
    [InlineData("sleeping", null)]
    [InlineData(null, null)]
    public void Parse_TakesTheFilterWords(string? text, LiveState? expected) => Assert.Equal(expected, LiveText.Parse(text));

    [Theory]
    [InlineData(0.000489709, "0.49 ms")]
    [InlineData(0.012, "12 ms")]
    [InlineData(1.34, "1.3 s")]
    public void EvaluationTime_InTheUnitThatFits(double seconds, string expected) => Assert.Equal(expected, LiveText.EvaluationTime(seconds));

    [Fact]
    public void LastEvaluation_NeverEvaluated_SaysSo() => Assert.Equal("not evaluated yet", LiveText.LastEvaluation(null, Now));

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(0.123456789, "0.123457")]
    public void Value_WithoutExponentNoise(double value, string expected) => Assert.Equal(expected, LiveText.Value(value));
}
