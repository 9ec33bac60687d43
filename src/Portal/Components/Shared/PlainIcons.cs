using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Portal.Components.Shared;

/// <summary>
/// MudBlazor's icon markup as one string, for plain elements that stand in for MudBlazor components on pages every
/// circuit keeps open (the layout, the rules list): a MudIcon is a component of its own, with two render buffers and
/// its parameter state, to draw one fixed SVG. Each (icon, classes) string is built once for the process.
/// </summary>
public static class PlainIcons
{
    private static readonly ConcurrentDictionary<(string Icon, string Classes), MarkupString> Built = new();

    /// <summary>The SVG MudIcon draws for <paramref name="icon"/> (an Icons.Material path string), with extra classes.</summary>
    public static MarkupString Svg(string icon, string size = "medium", string classes = "") =>
        Built.GetOrAdd((icon, $"mud-icon-size-{size} {classes}".TrimEnd()), key => new MarkupString(
            $"<svg class=\"mud-icon-root mud-svg-icon {key.Classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Icon}</svg>"));
}
