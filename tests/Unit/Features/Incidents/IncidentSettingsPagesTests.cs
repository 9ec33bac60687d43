using Bunit;
using Portal.Domain.Incidents;
using Portal.Features.Incidents;

namespace Portal.Tests.Unit.Features.Incidents;

public class IncidentSettingsPagesTests : IncidentsTestContext
{
    [Fact]
    public void Templates_ForAnEditor_AreReadOnly_WithoutASaveButton()
    {
        SignIn("bea", "Editor", "team-a");

        var cut = RenderPage<IncidentTemplatesPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=templates-read-only]")));
        Assert.Empty(cut.FindAll("[data-testid=template-save]"));
        Assert.Empty(cut.FindAll("[data-testid=templates-new]"));
        Assert.True(cut.Find("textarea").HasAttribute("readonly"));
    }

    [Fact]
    public void Templates_ForAnAdmin_NameAnUnknownPlaceholderWithItsLine_AndPreviewOnTheMadeUpAlert()
    {
        var cut = RenderPage<IncidentTemplatesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=template-save]")));

        cut.Find("textarea").Change("# {{alert.name}}\n\nSee {{alert.nmae}}");

        cut.WaitForAssertion(() => Assert.Contains("Line 3", cut.Find("[data-testid=template-problem]").TextContent));
        cut.Find("textarea").Change("# {{alert.name}} on {{alert.labels.instance}}");
        cut.WaitForAssertion(() => Assert.Contains("HighErrorRate on api-1:8080", cut.Find("[data-testid=template-preview]").TextContent));
        Assert.Contains("made-up", cut.Find("[data-testid=template-preview-source]").TextContent);
    }

    [Fact]
    public void SeverityLevels_ForAViewer_AreReadOnly()
    {
        SignIn("vic", "Viewer");

        var cut = RenderPage<SeverityLevelsPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=severity-row]").Count));
        Assert.NotEmpty(cut.FindAll("[data-testid=severities-read-only]"));
        Assert.Empty(cut.FindAll("[data-testid=severities-save]"));
        Assert.Empty(cut.FindAll("[data-testid=severity-row] input"));
    }

    [Fact]
    public void OpenActions_ListOverdueFirst()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Store.Open.Add(new(new ActionItem(Guid.NewGuid(), "Later", "bea", today.AddDays(10), ActionItemStatus.Open, null), Guid.NewGuid(), 2, "B"));
        Store.Open.Add(new(new ActionItem(Guid.NewGuid(), "Late", "bea", today.AddDays(-3), ActionItemStatus.InProgress, null), Guid.NewGuid(), 1, "A"));

        var cut = RenderPage<IncidentActionsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=open-action]").Count));
        var rows = cut.FindAll("[data-testid=open-action]");
        Assert.Equal("true", rows[0].GetAttribute("data-overdue"));
        Assert.Contains("Late", rows[0].TextContent);
    }
}
