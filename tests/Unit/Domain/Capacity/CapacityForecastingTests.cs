using Portal.Domain.Capacity;
using Portal.Domain.Tuning;

namespace Portal.Tests.Unit.Domain.Capacity;

public class CapacityForecastingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const long Hour = 3_600_000;

    /// <summary>A week of hourly samples ending at <see cref="Now"/>: value(t) = start + perDay * days since the first sample.</summary>
    private static List<Sample> Line(double start, double perDay, int hours = 7 * 24)
    {
        var first = Now.ToUnixTimeMilliseconds() - (hours - 1) * Hour;
        return Enumerable.Range(0, hours).Select(i => new Sample(first + i * Hour, start + perDay * i / 24.0)).ToList();
    }

    [Fact]
    public void Fit_LinearData_IsExact()
    {
        // 100 units per day from 200, limit 2000: at Now the line is at 200 + 100 * 167/24.
        var forecast = CapacityForecasting.Fit(Line(200, 100), 2000, 0.8, 0.9, Now)!;

        Assert.Equal(100, forecast.SlopePerDay, 6);
        Assert.True(forecast.Growing);
        var levelNow = 200 + 100 * 167 / 24.0;
        Assert.Equal(levelNow, forecast.LevelNow!.Value, 6);
        Assert.Equal((1600 - levelNow) / 100, forecast.UntilWarning!.Value.TotalDays, 4);
        Assert.Equal((1800 - levelNow) / 100, forecast.UntilCritical!.Value.TotalDays, 4);
        Assert.Equal((2000 - levelNow) / 100, forecast.UntilLimit!.Value.TotalDays, 4);
        Assert.Equal(168, forecast.PointsUsed);
    }

    [Fact]
    public void Fit_ManyPoints_DownsamplesToTheBound_AndStaysExact()
    {
        var first = Now.ToUnixTimeMilliseconds() - 20_000 * 30_000L;
        var samples = Enumerable.Range(0, 20_001).Select(i => new Sample(first + i * 30_000L, 10 + i * 0.001)).ToList();

        var forecast = CapacityForecasting.Fit(samples, 1000, 0.8, 0.9, Now)!;

        Assert.Equal(CapacityForecasting.MaxPoints, forecast.PointsUsed);
        Assert.Equal(0.001 * 2880, forecast.SlopePerDay, 6);
    }

    [Fact]
    public void Fit_GapsAndNaN_AreSkipped()
    {
        var samples = Line(200, 100).Where((_, i) => i % 5 != 0 && (i < 40 || i > 90)).ToList();
        samples[10] = samples[10] with { Value = double.NaN };
        samples[20] = samples[20] with { Value = double.PositiveInfinity };

        var forecast = CapacityForecasting.Fit(samples, 1000, 0.8, 0.9, Now)!;

        Assert.Equal(100, forecast.SlopePerDay, 6);
        Assert.Equal(samples.Count - 2, forecast.PointsUsed);
    }

    [Fact]
    public void Fit_AfterARestart_FitsOnlyTheSegmentAfterIt()
    {
        // Memory climbs fast for four days, the process restarts (back to 50), then grows 20 a day.
        var first = Now.ToUnixTimeMilliseconds() - 167 * Hour;
        var samples = Enumerable.Range(0, 168).Select(i => new Sample(first + i * Hour, i < 96 ? 100 + 300 * i / 24.0 : 50 + 20 * (i - 96) / 24.0)).ToList();

        var forecast = CapacityForecasting.Fit(samples, 2000, 0.8, 0.9, Now)!;

        Assert.Equal(20, forecast.SlopePerDay, 6);
        Assert.Equal(72, forecast.PointsUsed);
    }

    [Fact]
    public void Fit_NoiseAndOutliers_BarelyMoveTheSlope()
    {
        var random = new Random(17);
        var samples = Line(200, 100).Select(s => s with { Value = s.Value + (random.NextDouble() - 0.5) * 40 }).ToList();
        // A few wild spikes (a scrape of a wrong target, a counter glitch).
        foreach (var i in new[] { 12, 60, 61, 130 })
        {
            samples[i] = samples[i] with { Value = 5000 };
        }

        var forecast = CapacityForecasting.Fit(samples, 1000, 0.8, 0.9, Now)!;

        Assert.InRange(forecast.SlopePerDay, 95, 105);
        Assert.True(forecast.Growing);
    }

    [Fact]
    public void Fit_FlatData_IsNotGrowing()
    {
        var forecast = CapacityForecasting.Fit(Line(400, 0), 1000, 0.8, 0.9, Now)!;

        Assert.False(forecast.Growing);
        Assert.Equal(0, forecast.SlopePerDay);
        Assert.Null(forecast.UntilWarning);
        Assert.Null(forecast.UntilLimit);
    }

    [Fact]
    public void Fit_NoisyFlatData_IsNotGrowing()
    {
        var random = new Random(3);
        var samples = Line(400, 0).Select(s => s with { Value = s.Value + (random.NextDouble() - 0.5) * 30 }).ToList();

        var forecast = CapacityForecasting.Fit(samples, 1000, 0.8, 0.9, Now)!;

        Assert.False(forecast.Growing);
        Assert.Null(forecast.UntilLimit);
    }

    [Fact]
    public void Fit_FallingData_IsNotGrowing()
    {
        var forecast = CapacityForecasting.Fit(Line(900, -50), 1000, 0.8, 0.9, Now)!;

        Assert.False(forecast.Growing);
        Assert.Equal(-50, forecast.SlopePerDay, 6);
        Assert.Null(forecast.UntilCritical);
    }

    [Fact]
    public void Fit_AlreadyPastALevel_HasNoTimeForIt_ButForTheNext()
    {
        var forecast = CapacityForecasting.Fit(Line(820, 5), 1000, 0.8, 0.9, Now)!;

        Assert.Null(forecast.UntilWarning);
        Assert.NotNull(forecast.UntilCritical);
    }

    [Fact]
    public void Fit_TooFewPoints_GivesNothing()
    {
        Assert.Null(CapacityForecasting.Fit(Line(1, 1, hours: 2), 10, 0.8, 0.9, Now));
        Assert.Null(CapacityForecasting.Fit([], 10, 0.8, 0.9, Now));
    }
}
