using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Components.Shared.Charts;

// The subset of apexcharts' option object the portal uses (https://apexcharts.com/docs/options/),
// serialized camelCase with nulls left out. Parts that a later update may switch off (the y axis,
// both annotation lists) are always sent whole, because apexcharts merges updates into the old
// options and would otherwise keep a stale bound or threshold line.

internal sealed record ApexOptions(
    ApexChartSection Chart,
    ApexXAxis Xaxis,
    IReadOnlyList<ApexYAxis> Yaxis,
    ApexAnnotations Annotations,
    ApexTheme Theme,
    ApexTooltip Tooltip)
{
    public IReadOnlyList<ApexSeries>? Series { get; init; }

    public ApexStroke Stroke { get; init; } = new(2, "straight");

    public ApexToggle DataLabels { get; init; } = new(false);

    public ApexMarkers Markers { get; init; } = new(0);

    public ApexNoData NoData { get; init; } = new("No data");

    public ApexGrid? Grid { get; init; }
}

internal sealed record ApexChartSection(string Type, int Height, string Background, string FontFamily, ApexToggle Animations, ApexToolbar Toolbar, ApexZoom Zoom);

internal sealed record ApexToolbar(bool Show, ApexToolbarTools Tools);

internal sealed record ApexToolbarTools(bool Download, bool Selection, bool Zoom, bool Zoomin, bool Zoomout, bool Pan, bool Reset);

internal sealed record ApexZoom(bool Enabled, string Type);

internal sealed record ApexToggle(bool Enabled);

internal sealed record ApexSeries(string Name, IReadOnlyList<ApexPoint> Data, string? Color);

/// <summary>A missing value stays in the JSON as <c>"y": null</c>: that is how apexcharts draws a gap.</summary>
internal sealed record ApexPoint(object X, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Y);

internal sealed record ApexXAxis(string Type, ApexAxisLabels Labels, ApexTitle? Title);

internal sealed record ApexAxisLabels(bool DatetimeUTC);

internal sealed record ApexYAxis(ApexTitle? Title, double? Min, double? Max, bool Logarithmic, int? DecimalsInFloat);

internal sealed record ApexTitle(string Text);

internal sealed record ApexAnnotations(IReadOnlyList<ApexYAnnotation> Yaxis, IReadOnlyList<ApexXAnnotation> Xaxis);

internal sealed record ApexYAnnotation(double Y, string BorderColor, int BorderWidth, int StrokeDashArray, ApexAnnotationLabel? Label);

internal sealed record ApexXAnnotation(object X, object X2, string FillColor, string BorderColor, double Opacity, ApexAnnotationLabel? Label);

internal sealed record ApexAnnotationLabel(string Text, string BorderColor, string? Position, string? TextAnchor, string? Orientation, ApexAnnotationLabelStyle Style)
{
    /// <summary>Pixels down from where apexcharts puts the label (above its line); used to keep close lines' labels apart.</summary>
    public int OffsetY { get; init; }
}

internal sealed record ApexAnnotationLabelStyle(string Color, string Background);

internal sealed record ApexTheme(string Mode);

internal sealed record ApexTooltip(string Theme, ApexTooltipX X);

internal sealed record ApexTooltipX(string? Format);

internal sealed record ApexStroke(double Width, string Curve);

internal sealed record ApexMarkers(int Size);

internal sealed record ApexNoData(string Text);

internal sealed record ApexGrid(string? BorderColor);

internal static class ApexJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
