using MudBlazor;

namespace Portal.Components.Layout;

internal static class PortalTheme
{
    /// <summary>
    /// Name of the cascading bool that says whether the layout is in dark mode. MudBlazor keeps that
    /// flag to itself, and the charts and the editor draw their own colours.
    /// </summary>
    public const string DarkModeCascade = "PortalDarkMode";

    // Every colour below reads at 4.5:1 or more (WCAG AA) as text on the page's surfaces and under
    // its contrast text on a filled chip or button; the AccessibilityTests check it with axe-core on
    // every page. MudBlazor's own defaults (#ff9800 warning, #00c853 success, 54 % grey text) do not.
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3559b5",
            Secondary = "#b4541a",
            AppbarBackground = "#1f2a44",
            Tertiary = "#00796b",
            Info = "#0b6bb0",
            Success = "#2e7d32",
            Warning = "#a84d00",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.64)",
            ActionDefault = "rgba(0,0,0,0.64)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8fa9f2",
            PrimaryContrastText = "#111827",
            Secondary = "#f09a5d",
            SecondaryContrastText = "#111827",
            AppbarBackground = "#141a2b",
            Tertiary = "#4dd0b4",
            TertiaryContrastText = "#111827",
            Info = "#6cb4ff",
            InfoContrastText = "#111827",
            Success = "#3ccf96",
            SuccessContrastText = "#111827",
            Warning = "#ffb74d",
            WarningContrastText = "#111827",
            Error = "#ff8a8a",
            ErrorContrastText = "#111827",
            // A text alert writes in the "darken" shade on a tint of its colour; on a dark page that
            // shade has to be lighter than the colour, not darker, to stay readable.
            InfoDarken = "#a6d1ff",
            SuccessDarken = "#6edcb0",
            WarningDarken = "#ffc978",
            ErrorDarken = "#ffa8a8",
            TextPrimary = "rgba(255,255,255,0.82)",
            TextSecondary = "rgba(255,255,255,0.66)",
            DrawerText = "rgba(255,255,255,0.70)",
            DrawerIcon = "rgba(255,255,255,0.70)",
            AppbarText = "rgba(255,255,255,0.82)",
            ActionDefault = "rgba(255,255,255,0.66)",
        },
    };
}
