using MudBlazor;

namespace Portal.Components.Layout;

internal static class PortalTheme
{
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
