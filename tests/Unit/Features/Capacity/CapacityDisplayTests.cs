using Portal.Domain.Capacity;
using Portal.Features.Capacity;

namespace Portal.Tests.Unit.Features.Capacity;

public class CapacityDisplayTests
{
    [Theory]
    [InlineData(4294967296.0, "bytes", "4 GB")]
    [InlineData(268435456.0, "bytes", "256 MB")]
    [InlineData(1536.0, "bytes", "1.5 KB")]
    [InlineData(375.0, "connections", "375 connections")]
    [InlineData(1234567.0, "series", "1,234,567 series")]
    [InlineData(82.46, "percent", "82.5 %")]
    [InlineData(3.14159, "widgets", "3.14 widgets")]
    public void Value_IsShownInItsUnit(double value, string unit, string shown) => Assert.Equal(shown, CapacityDisplay.Value(value, unit));

    [Fact]
    public void Value_Missing_IsADash() => Assert.Equal("—", CapacityDisplay.Value(null, "bytes"));

    [Theory]
    [InlineData(5e9, 1073741824.0, "GB")]
    [InlineData(3e8, 1048576.0, "MB")]
    public void Scale_ChartsBytesInTheLargestReadableUnit(double largest, double divisor, string title) =>
        Assert.Equal((divisor, title), CapacityDisplay.Scale("bytes", largest));

    [Fact]
    public void Forecast_GrowingPastWarning_SaysWhatIsReachedAndWhen()
    {
        var assessment = new CapacityAssessment(410, 500, 0.82, CapacityBand.Warning,
            new CapacityForecast(5, true, null, TimeSpan.FromHours(20), TimeSpan.FromDays(4), 30), "");

        Assert.Equal("warning already reached · critical in 20 hours · limit in 4 days", CapacityDisplay.Forecast(assessment));
    }

    [Fact]
    public void Forecast_FlatOrFalling_IsNotGrowing()
    {
        var assessment = new CapacityAssessment(100, 500, 0.2, CapacityBand.Ok, new CapacityForecast(-1, false, null, null, null, 30), "");

        Assert.Equal("Not growing.", CapacityDisplay.Forecast(assessment));
    }

    [Fact]
    public void ChartLines_PutTheLimitLevelsAndMarksAtTheirFractionsOfTheLimit()
    {
        var lines = ModelCard.Lines(CapacityData.Connections(), 500);

        Assert.Equal([500, 450, 375, 375, 450], lines.Select(l => l.Value));
        Assert.Equal(["limit", "critical 90 %", "warning 75 %", "autoscale 75 %", "cliff 90 %"], lines.Select(l => l.Label));
    }
}
