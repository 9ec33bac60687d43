using Bunit;
using MudBlazor;
using Portal.Components.Layout;

namespace Portal.Tests.Unit.Components;

public class SharedThemeProviderTests : BunitTestContext
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RendersWhatMudBlazorsProviderRenders_ForEachMode(bool dark)
    {
        var shared = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, PortalTheme.Theme).Add(x => x.IsDarkMode, dark));
        var mud = Render<MudThemeProvider>(p => p.Add(x => x.Theme, PortalTheme.Theme).Add(x => x.IsDarkMode, dark));

        var ours = shared.FindAll("style").Select(s => s.TextContent).ToList();
        var theirs = mud.FindAll("style").Select(s => s.TextContent).ToList();
        Assert.Equal(theirs.Count, ours.Count);
        // The theme's variables and the scrollbar, character for character; the chart rule only in substance.
        Assert.Equal(theirs.Single(t => t.Contains("--mud-palette-primary", StringComparison.Ordinal)),
            ours.Single(t => t.Contains("--mud-palette-primary", StringComparison.Ordinal)));
        Assert.Equal(theirs.Single(t => t.Contains("scrollbar", StringComparison.Ordinal)), ours.Single(t => t.Contains("scrollbar", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheSameMode_GivesTheSameStylesheet_AndTheModesDiffer()
    {
        var first = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, PortalTheme.Theme).Add(x => x.IsDarkMode, true));
        var second = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, PortalTheme.Theme).Add(x => x.IsDarkMode, true));
        var light = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, PortalTheme.Theme).Add(x => x.IsDarkMode, false));

        static string Css(IRenderedComponent<SharedThemeProvider> c) => c.FindAll("style").Single(s => s.TextContent.Contains("--mud-palette-primary", StringComparison.Ordinal)).TextContent;
        Assert.Equal(Css(first), Css(second));
        Assert.NotEqual(Css(first), Css(light));
    }
}
