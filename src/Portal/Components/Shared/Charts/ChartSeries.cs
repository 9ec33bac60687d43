namespace Portal.Components.Shared.Charts;

/// <summary>How <see cref="ApexChart"/> draws its series (named apart from MudBlazor.ChartType).</summary>
public enum ApexChartType
{
    Line,
    Area,
}

/// <summary>
/// One named line of a chart. The kind of series decides the x axis: <see cref="TimeSeries"/> gives a
/// time axis in the browser's local time, <see cref="NumericSeries"/> a number axis (alerts/week
/// against threshold), <see cref="CategorySeries"/> one label per point. A chart shows one kind.
/// </summary>
public abstract record ChartSeries(string Name)
{
    /// <summary>Any CSS colour; null lets the chart pick from its palette.</summary>
    public string? Color { get; init; }

    internal abstract XAxisKind XAxis { get; }

    internal abstract IEnumerable<(object X, double? Y)> XyPoints();
}

/// <summary>A gap is a point whose value is null (or not finite): the line breaks there.</summary>
public readonly record struct TimePoint(DateTimeOffset Time, double? Value);

public readonly record struct NumericPoint(double X, double? Y);

public readonly record struct CategoryPoint(string Category, double? Value);

public sealed record TimeSeries(string Name, IReadOnlyList<TimePoint> Points) : ChartSeries(Name)
{
    internal override XAxisKind XAxis => XAxisKind.Time;

    internal override IEnumerable<(object X, double? Y)> XyPoints() =>
        Points.Select(p => ((object)p.Time.ToUnixTimeMilliseconds(), p.Value));
}

public sealed record NumericSeries(string Name, IReadOnlyList<NumericPoint> Points) : ChartSeries(Name)
{
    internal override XAxisKind XAxis => XAxisKind.Numeric;

    internal override IEnumerable<(object X, double? Y)> XyPoints() =>
        Points.Select(p => ((object)p.X, p.Y));
}

public sealed record CategorySeries(string Name, IReadOnlyList<CategoryPoint> Points) : ChartSeries(Name)
{
    internal override XAxisKind XAxis => XAxisKind.Category;

    internal override IEnumerable<(object X, double? Y)> XyPoints() =>
        Points.Select(p => ((object)p.Category, p.Value));
}

internal enum XAxisKind
{
    Time,
    Numeric,
    Category,
}
