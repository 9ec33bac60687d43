using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.RuleFiles;

public class PromDurationTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("5m", 300_000L)]
    [InlineData("90s", 90_000L)]
    [InlineData("1h30m", 5_400_000L)]
    [InlineData("1y2w3d4h5m6s7ms", 31_536_000_000L + 1_209_600_000L + 259_200_000L + 14_400_000L + 300_000L + 6_000L + 7L)]
    [InlineData("500ms", 500L)]
    [InlineData("1m500ms", 60_500L)]
    public void Parse_ValidDuration_GivesMilliseconds(string text, long milliseconds) =>
        Assert.Equal(milliseconds, PromDuration.Parse(text).TotalMilliseconds);

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(90_000L, "1m30s")]
    [InlineData(300_000L, "5m")]
    [InlineData(7_776_000_000L, "90d")]
    [InlineData(604_800_000L, "1w")]
    [InlineData(31_536_000_000L, "1y")]
    [InlineData(61_001L, "1m1s1ms")]
    [InlineData(3_600_000L + 500L, "1h500ms")]
    public void ToString_PrintsPrometheusCanonicalForm(long milliseconds, string expected) =>
        Assert.Equal(expected, PromDuration.FromMilliseconds(milliseconds).ToString());

    [Theory]
    [InlineData("", "empty duration string")]
    [InlineData("5x", "unknown unit \"x\"")]
    [InlineData("5", "has no unit")]
    [InlineData("1m1h", "largest to smallest")]
    [InlineData("1h1h", "appears twice")]
    [InlineData("1.5h", "fractions are not allowed")]
    [InlineData("-1m", "negative durations are not allowed")]
    [InlineData(" 5m", "spaces are not allowed")]
    [InlineData("m", "has no number before it")]
    [InlineData("300y", "duration out of range")]
    [InlineData("5M", "unknown unit \"M\"")]
    public void TryParse_InvalidDuration_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(PromDuration.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryParse_InvalidDuration_StartsLikePrometheusError()
    {
        Assert.False(PromDuration.TryParse("5x", out _, out var error));

        Assert.StartsWith("not a valid duration string: \"5x\"", error);
    }

    [Fact]
    public void Parse_InvalidDuration_ThrowsFormatExceptionWithReason() =>
        Assert.Contains("unknown unit", Assert.Throws<FormatException>(() => PromDuration.Parse("3q")).Message);

    [Fact]
    public void FromMilliseconds_Negative_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PromDuration.FromMilliseconds(-1));

    [Fact]
    public void Parse_LargestRepresentableDuration_RoundTrips()
    {
        var max = PromDuration.FromMilliseconds(PromDuration.MaxMilliseconds);

        Assert.Equal(max, PromDuration.Parse(max.ToString()));
    }

    [Fact]
    public void ToString_EveryPrintedForm_ParsesBackToTheSameValue()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var milliseconds = random.NextInt64(0, PromDuration.MaxMilliseconds);
            var duration = PromDuration.FromMilliseconds(i % 3 == 0 ? milliseconds / 1000 * 1000 : milliseconds);

            Assert.Equal(duration, PromDuration.Parse(duration.ToString()));
        }
    }

    [Fact]
    public void Compare_OrdersByLength() =>
        Assert.True(PromDuration.Parse("1m") < PromDuration.Parse("61s"));
}
