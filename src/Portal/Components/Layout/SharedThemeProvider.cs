using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, with its stylesheet built once per theme and mode for the whole process instead of once
/// per circuit: the CSS variables of a theme are some 12,000 characters that every open page otherwise keeps its own
/// copy of. Everything else (dark mode, the system-preference watch) is the base component's.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    // Light and dark of the portal's one theme; any other theme is built as the base would.
    private static readonly ConcurrentDictionary<bool, string> Stylesheets = new();

    private static readonly string Scrollbar = BuildMudBlazorScrollbar();

    // The base component's own rule for chart series (the portal's charts are ApexCharts; kept so nothing changes).
    private const string ChartHover = "<style>.mud-chart-serie:hover,.mud-chart-serie-hovered{filter:url(#lighten);}</style>";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (!DefaultScrollbar)
        {
            builder.AddMarkupContent(0, Scrollbar);
        }

        builder.AddMarkupContent(1, ChartHover);
        // The parameter is the mode: the portal's layouts always set it and never ask the base to follow the system's
        // preference, which is the only way the base's own state could differ from it.
#pragma warning disable MUD0010
        var dark = IsDarkMode;
#pragma warning restore MUD0010
        builder.AddMarkupContent(2, ReferenceEquals(Theme, PortalTheme.Theme) ? Stylesheets.GetOrAdd(dark, _ => BuildTheme()) : BuildTheme());
    }
}
