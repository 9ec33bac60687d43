namespace Portal.Components.Shared.Charts;

/// <summary>Turns the typed chart options of <see cref="ApexChart"/> into apexcharts' option shape.</summary>
internal static class ApexOptionsMapper
{
    private const string DefaultLineColor = "#e53935";
    private const string DefaultRangeColor = "#e53935";

    public static IReadOnlyList<ApexSeries> Series(IReadOnlyList<ChartSeries> series) =>
        series.Select(s => new ApexSeries(
                s.Name,
                s.XyPoints().Select(p => new ApexPoint(p.X, Finite(p.Y))).ToList(),
                s.Color))
            .ToList();

    public static XAxisKind XAxis(IReadOnlyList<ChartSeries> series)
    {
        var kinds = series.Select(s => s.XAxis).Distinct().ToList();
        return kinds.Count switch
        {
            0 => XAxisKind.Time,
            1 => kinds[0],
            _ => throw new ArgumentException("All series of one chart need the same kind of x axis (time, number or category).", nameof(series)),
        };
    }

    public static ApexXAxis XAxisOptions(XAxisKind kind, string? title) => new(
        kind switch
        {
            XAxisKind.Time => "datetime",
            XAxisKind.Numeric => "numeric",
            _ => "category",
        },
        // Times travel as Unix milliseconds; the browser labels them in the user's local time.
        new ApexAxisLabels(DatetimeUTC: false),
        Title(title));

    public static ApexTitle? Title(string? text) => string.IsNullOrWhiteSpace(text) ? null : new ApexTitle(text);

    public static ApexAnnotations Annotations(IReadOnlyList<HorizontalLine>? lines, IReadOnlyList<ShadedRange>? ranges) => new(
        (lines ?? []).Select(l => new ApexYAnnotation(
                l.Value,
                l.Color ?? DefaultLineColor,
                BorderWidth: 2,
                StrokeDashArray: l.Dashed ? 6 : 0,
                Label(l.Label, l.Color ?? DefaultLineColor, position: "left", textAnchor: "start", orientation: null)))
            .ToList(),
        (ranges ?? []).Select(r => new ApexXAnnotation(
                r.From.Value,
                r.To.Value,
                r.Color ?? DefaultRangeColor,
                r.Color ?? DefaultRangeColor,
                Opacity: 0.15,
                Label(r.Label, r.Color ?? DefaultRangeColor, position: "top", textAnchor: "start", orientation: "horizontal")))
            .ToList());

    private static ApexAnnotationLabel? Label(string? text, string color, string? position, string? textAnchor, string? orientation) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : new ApexAnnotationLabel(text, color, position, textAnchor, orientation, new ApexAnnotationLabelStyle("#fff", color));

    // Prometheus answers NaN and ±Inf; JSON has no such numbers, and a chart cannot draw them either.
    private static double? Finite(double? y) => y is { } v && double.IsFinite(v) ? v : null;
}
