using Portal.Components.Shared.Charts;

namespace Portal.Tests.Unit.Components;

public class ChartLabelPlacesTests
{
    [Fact]
    public void CloseLines_AlternateSides_AndEverySecondPairDrops()
    {
        // limit, critical 90 %, warning 80 %, a mark at 75 %: all within 15 % of the limit of their neighbour.
        HorizontalLine[] lines = [new(100, "limit"), new(90, "critical"), new(80, "warning"), new(75, "autoscale")];

        var places = ApexOptionsMapper.LineLabelPlaces(lines);

        Assert.Equal(["left", "right", "left", "right"], places.Select(p => p.Position));
        Assert.Equal(places[0].OffsetY, places[1].OffsetY);
        Assert.True(places[2].OffsetY > places[0].OffsetY, "the second pair drops below its lines");
        Assert.Equal(places[2].OffsetY, places[3].OffsetY);
    }

    [Fact]
    public void DistantLines_KeepTheirLabelsOnTheLeft_InTheirOwnOrder()
    {
        HorizontalLine[] lines = [new(10, "low"), new(100, "limit"), new(50, "half")];

        var places = ApexOptionsMapper.LineLabelPlaces(lines);

        Assert.Equal(["low", "limit", "half"], places.Select(p => p.Line.Label));
        Assert.All(places, p => Assert.Equal("left", p.Position));
        Assert.Single(places.Select(p => p.OffsetY).Distinct());
    }

    [Fact]
    public void ARunRestartsAfterAGap()
    {
        HorizontalLine[] lines = [new(100, "limit"), new(95, "critical"), new(40, "warning")];

        var places = ApexOptionsMapper.LineLabelPlaces(lines);

        Assert.Equal(["left", "right", "left"], places.Select(p => p.Position));
    }
}
