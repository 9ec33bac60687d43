using Portal.Domain.Incidents;
using static Portal.Tests.Unit.Domain.Incidents.IncidentTestData;

namespace Portal.Tests.Unit.Domain.Incidents;

public class IncidentClockTests
{
    [Theory]
    [InlineData(45, "45s")]
    [InlineData(59.9, "59s")]
    [InlineData(14 * 60 + 30, "14m")]
    [InlineData(2 * 3600, "2h")]
    [InlineData(2 * 3600 + 5 * 60 + 59, "2h 5m")]
    [InlineData(3 * 86400 + 4 * 3600 + 59 * 60, "3d 4h")]
    [InlineData(2 * 86400, "2d")]
    [InlineData(-90, "-1m")]
    public void Format_ReadsInAtMostTwoUnits(double seconds, string expected) =>
        Assert.Equal(expected, IncidentClock.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Measure_UsesTheEarliestEntryOfEachKindAndTheSeverityExpectation()
    {
        var timeline = new[]
        {
            Entry(30, TimelineKind.Acknowledged, "second ack"),
            Entry(12, TimelineKind.Acknowledged, "first ack"),
            Entry(40, TimelineKind.Mitigated, "rolled back"),
            Entry(0, TimelineKind.AlertFiring, "firing", automatic: true),
        };

        var times = IncidentClock.Measure(Start, timeline, SeverityLevels.Starter[1]);

        Assert.Equal(TimeSpan.FromMinutes(12), times.ToAcknowledge);
        Assert.Equal(TimeSpan.FromMinutes(40), times.ToMitigate);
        Assert.Null(times.ToResolve);
        Assert.Equal(TimeSpan.FromMinutes(15), times.Expected);
        Assert.True(times.MetExpectation);
    }

    [Fact]
    public void Measure_EntryBeforeTheStart_CountsAsZero()
    {
        var times = IncidentClock.Measure(Start, [Entry(-3, TimelineKind.Acknowledged, "early")], SeverityLevels.Starter[0]);

        Assert.Equal(TimeSpan.Zero, times.ToAcknowledge);
        Assert.True(times.MetExpectation);
    }

    [Fact]
    public void Measure_LateAcknowledgement_MissesTheExpectation()
    {
        var times = IncidentClock.Measure(Start, [Entry(6, TimelineKind.Acknowledged, "late")], SeverityLevels.Starter[0]);

        Assert.False(times.MetExpectation);
    }

    [Fact]
    public void Measure_WithoutSeverity_HasNoExpectation()
    {
        var times = IncidentClock.Measure(Start, [Entry(6, TimelineKind.Resolved, "done")], null);

        Assert.Equal(TimeSpan.FromMinutes(6), times.ToResolve);
        Assert.Null(times.Expected);
        Assert.Null(times.MetExpectation);
    }
}
