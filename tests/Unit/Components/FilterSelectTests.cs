using Bunit;
using Portal.Components.Shared;

namespace Portal.Tests.Unit.Components;

public class FilterSelectTests : BunitTestContext
{
    [Fact]
    public void Choosing_ReportsTheValue_AndTheFirstEntryMeansAny()
    {
        var chosen = new List<string?>();
        var select = Render<FilterSelect>(p => p.Add(s => s.Label, "Kind").Add(s => s.Options, [("alerting", "alerting"), ("nodata", "no data")])
            .Add(s => s.ValueChanged, v => chosen.Add(v)).AddUnmatched("data-testid", "filter-kind"));

        var box = select.Find("select[data-testid=filter-kind]");
        Assert.Equal(["any", "alerting", "no data"], box.QuerySelectorAll("option").Select(o => o.TextContent).ToArray());
        Assert.Equal(box.Id, select.Find("label").GetAttribute("for"));
        box.Change("nodata");
        box.Change("");

        Assert.Equal(["nodata", null], chosen);
    }

    [Fact]
    public void AValueNoLongerOffered_IsStillShown()
    {
        var select = Render<FilterSelect>(p => p.Add(s => s.Label, "Team").Add(s => s.Value, "gone").Add(s => s.Options, [("sre", "sre")]));

        Assert.Equal(["any", "sre", "gone"], select.FindAll("option").Select(o => o.TextContent).ToArray());
    }
}
