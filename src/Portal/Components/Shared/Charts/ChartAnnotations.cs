namespace Portal.Components.Shared.Charts;

/// <summary>
/// A position on the x axis: a time, a number or a category, whichever the chart's series use.
/// Converts implicitly, so <c>new ShadedRange(start, end)</c> works with any of them.
/// </summary>
public readonly record struct ChartX
{
    private ChartX(object value) => Value = value;

    /// <summary>Unix milliseconds for times, the number itself, or the category label.</summary>
    internal object Value { get; }

    public static implicit operator ChartX(DateTimeOffset time) => new(time.ToUnixTimeMilliseconds());

    public static implicit operator ChartX(double x) => new(x);

    public static implicit operator ChartX(string category) => new(category);
}

/// <summary>A horizontal line across the plot, such as an alert threshold.</summary>
public sealed record HorizontalLine(double Value, string? Label = null, string? Color = null, bool Dashed = true);

/// <summary>A shaded band between two x positions, such as a window in which an alert fired.</summary>
public sealed record ShadedRange(ChartX From, ChartX To, string? Label = null, string? Color = null);
