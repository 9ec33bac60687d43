using Portal.Domain.Incidents;

namespace Portal.Tests.Unit.Domain.Incidents;

public sealed class TimelineTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("14:05", "2026-12-04T14:05:00Z")] // still ahead today: yesterday's
    [InlineData("09:15", "2026-12-05T09:15:00Z")]
    [InlineData("10:31", "2026-12-05T10:31:00Z")] // within a minute ahead: a clock running a little fast
    [InlineData("9:05:30", "2026-12-05T09:05:30Z")]
    [InlineData("15m ago", "2026-12-05T10:15:00Z")]
    [InlineData("-2h", "2026-12-05T08:30:00Z")]
    [InlineData("1h 30m ago", "2026-12-05T09:00:00Z")]
    [InlineData("- 45 minutes", "2026-12-05T09:45:00Z")]
    [InlineData("2 days ago", "2026-12-03T10:30:00Z")]
    [InlineData("2026-12-01 14:05", "2026-12-01T14:05:00Z")]
    [InlineData("2026-12-01T14:05:00+02:00", "2026-12-01T12:05:00Z")]
    public void ReadsTheWaysPeopleWriteATime(string text, string expected)
    {
        var (at, problem) = TimelineTime.Parse(text, Now);

        Assert.Null(problem);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void EmptyMeansNow(string? text) => Assert.Equal((null, null), TimelineTime.Parse(text, Now));

    [Theory]
    [InlineData("25:00", "not a clock time")]
    [InlineData("12:61", "not a clock time")]
    [InlineData("15m", "15m ago")]
    [InlineData("31 days ago", "30 days")]
    [InlineData("999999999d ago", "30 days")]
    [InlineData("yesterday-ish", "is not a time")]
    [InlineData("2026-13-01 10:00", "is not a time")]
    public void SaysWhatIsWrong(string text, string said)
    {
        var (at, problem) = TimelineTime.Parse(text, Now);

        Assert.Null(at);
        Assert.Contains(said, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void LongTextIsRefusedUnread()
    {
        var (at, problem) = TimelineTime.Parse(new string('1', 100_000), Now);

        Assert.Null(at);
        Assert.Contains("at most 40 characters", problem, StringComparison.Ordinal);
    }
}
