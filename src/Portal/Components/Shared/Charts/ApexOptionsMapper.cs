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
        LineLabelPlaces(lines ?? []).Select(p => new ApexYAnnotation(
                p.Line.Value,
                p.Line.Color ?? DefaultLineColor,
                BorderWidth: 2,
                StrokeDashArray: p.Line.Dashed ? 6 : 0,
                Label(p.Line.Label, p.Line.Color ?? DefaultLineColor, p.Position, p.Position == "left" ? "start" : "end", orientation: null) is { } label
                    ? label with { OffsetY = p.OffsetY }
                    : null))
            .ToList(),
        (ranges ?? []).Select(r => new ApexXAnnotation(
                r.From.Value,
                r.To.Value,
                r.Color ?? DefaultRangeColor,
                r.Color ?? DefaultRangeColor,
                Opacity: 0.15,
                Label(r.Label, r.Color ?? DefaultRangeColor, position: "top", textAnchor: "start", orientation: "horizontal")))
            .ToList());

    /// <summary>
    /// Where each line's label goes. Lines closer than <see cref="CloseLines"/> of the largest one's value would print
    /// their labels on top of each other at the left edge (limit, critical and warning often are), so within such a run
    /// labels alternate left and right, and every second pair drops below its line.
    /// </summary>
    internal static IReadOnlyList<(HorizontalLine Line, string Position, int OffsetY)> LineLabelPlaces(IReadOnlyList<HorizontalLine> lines)
    {
        var scale = lines.Count == 0 ? 0 : lines.Max(l => double.IsFinite(l.Value) ? Math.Abs(l.Value) : 0);
        var places = new (HorizontalLine, string, int)[lines.Count];
        var run = 0;
        double? previous = null;
        foreach (var (line, index) in lines.Select((l, i) => (l, i)).OrderByDescending(p => p.l.Value))
        {
            run = previous is { } above && above - line.Value < scale * CloseLines ? run + 1 : 0;
            previous = line.Value;
            places[index] = (line, run % 2 == 0 ? "left" : "right", ApexLabelOffset + run / 2 * LabelDrop);
        }

        return places;
    }

    private const double CloseLines = 0.15;
    private const int LabelDrop = 18;

    // apexcharts' own default: the label sits just above its line.
    private const int ApexLabelOffset = -3;

    private static ApexAnnotationLabel? Label(string? text, string color, string? position, string? textAnchor, string? orientation) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : new ApexAnnotationLabel(text, color, position, textAnchor, orientation, new ApexAnnotationLabelStyle("#fff", color));

    // Prometheus answers NaN and ±Inf; JSON has no such numbers, and a chart cannot draw them either.
    private static double? Finite(double? y) => y is { } v && double.IsFinite(v) ? v : null;
}
