using MudBlazor;

namespace Portal.Components.Layout;

internal static class PortalTheme
{
    /// <summary>
    /// Name of the cascading bool that says whether the layout is in dark mode. MudBlazor keeps that
    /// flag to itself, and the charts and the editor draw their own colours.
    /// </summary>
    public const string DarkModeCascade = "PortalDarkMode";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3559b5",
            Secondary = "#e0702b",
            AppbarBackground = "#1f2a44",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7c9cf0",
            Secondary = "#f09a5d",
            AppbarBackground = "#141a2b",
        },
    };
}
