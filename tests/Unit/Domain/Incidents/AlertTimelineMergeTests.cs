using Portal.Domain.Incidents;

namespace Portal.Tests.Unit.Domain.Incidents;

public sealed class AlertTimelineMergeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(30);

    private static TimelineEntry Alert(int seconds, TimelineKind kind = TimelineKind.AlertFiring, string text = "HighLatency firing (instance=a)") =>
        new(Guid.NewGuid(), T0.AddSeconds(seconds), kind, text, Automatic: true, By: null);

    [Fact]
    public void AddsOnlyWhatTheTimelineLacks()
    {
        var held = new[] { Alert(0) };
        var found = new[] { Alert(15), Alert(600, TimelineKind.AlertResolved, "HighLatency resolved (instance=a)") };

        var added = AlertTimelineMerge.NewEntries(held, [], found, Tolerance);

        var entry = Assert.Single(added);
        Assert.Equal(TimelineKind.AlertResolved, entry.Kind);
    }

    [Fact]
    public void ARemovedEntryStaysRemoved()
    {
        var removed = Alert(0, text: "DiskFull firing (instance=b)");

        var added = AlertTimelineMerge.NewEntries([], [removed], [Alert(10, text: "DiskFull firing (instance=b)")], Tolerance);

        Assert.Empty(added);
    }

    [Fact]
    public void TwoFiringsWithinTheToleranceAreTwoWhenOnlyOneIsHeld()
    {
        var added = AlertTimelineMerge.NewEntries([Alert(0)], [], [Alert(0), Alert(20)], Tolerance);

        Assert.Equal(T0.AddSeconds(20), Assert.Single(added).At);
    }

    [Fact]
    public void EntriesWrittenByPeopleAreNotMatched()
    {
        var written = new TimelineEntry(Guid.NewGuid(), T0, TimelineKind.AlertFiring, "HighLatency firing (instance=a)", Automatic: false, By: "alice");

        Assert.Single(AlertTimelineMerge.NewEntries([written], [], [Alert(0)], Tolerance));
    }

    [Fact]
    public void AnotherSeriesIsNotTheSameEntry() =>
        Assert.Single(AlertTimelineMerge.NewEntries([Alert(0)], [], [Alert(0, text: "HighLatency firing (instance=b)")], Tolerance));

    [Fact]
    public void ToleranceIsTwoStepsOfTheCoarserReading()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), AlertTimelineMerge.Tolerance(TimeSpan.FromSeconds(15), TimeSpan.FromHours(2), 1_000));
        Assert.Equal(TimeSpan.FromSeconds(2 * 86.4 * 7), AlertTimelineMerge.Tolerance(TimeSpan.FromSeconds(15), TimeSpan.FromDays(7), 1_000));
    }

    [Fact]
    public void AFreshChartReplacesTheStoredOneOnlyWhenItHoldsAsMuch()
    {
        static ChartSnapshot Chart(params double[] values) => new("up", 0, 15_000, [new SnapshotSeries("{}", values)], 1, ">", T0);

        Assert.True(AlertTimelineMerge.IsRicher(null, Chart(1)));
        Assert.True(AlertTimelineMerge.IsRicher(Chart(1, double.NaN), Chart(1, 2)));
        Assert.False(AlertTimelineMerge.IsRicher(Chart(1, 2, 3), Chart(double.NaN, double.NaN, 3, 4)));
        Assert.False(AlertTimelineMerge.IsRicher(Chart(1), null));
        Assert.False(AlertTimelineMerge.IsRicher(Chart(1, 2), Chart(1, 2)));
        Assert.True(AlertTimelineMerge.IsRicher(Chart(1, 2), Chart(double.NaN, 1, 2)));
    }
}
