using Microsoft.AspNetCore.Components;
using Portal.Components.Layout;

namespace Portal.Components.Shared;

/// <summary>
/// Base of the components drawn by JavaScript libraries, which cannot read MudBlazor's theme: they
/// follow the layout's dark-mode switch unless told otherwise, and pass extra attributes through.
/// </summary>
public abstract class ThemedComponent : ComponentBase
{
    /// <summary>Forces dark or light colours; null follows the layout's dark mode switch.</summary>
    [Parameter]
    public bool? Dark { get; set; }

    [CascadingParameter(Name = PortalTheme.DarkModeCascade)]
    public bool LayoutIsDark { get; set; }

    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    protected bool IsDark => Dark ?? LayoutIsDark;
}
