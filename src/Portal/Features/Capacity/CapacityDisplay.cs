using System.Globalization;
using MudBlazor;
using Portal.Domain.Capacity;

namespace Portal.Features.Capacity;

/// <summary>How capacity numbers read on the page: values in their unit, bands as colours and words, forecasts as sentences.</summary>
internal static class CapacityDisplay
{
    private const double Kib = 1024;
    private const double Mib = Kib * 1024;
    private const double Gib = Mib * 1024;
    private const double Tib = Gib * 1024;

    /// <summary>The units the editor offers; any other word is shown after the number as it is.</summary>
    public static readonly string[] KnownUnits = ["bytes", "connections", "series", "percent"];

    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Value(double? value, string unit)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "—";
        }

        return unit switch
        {
            "bytes" => Bytes(v),
            "percent" => v.ToString("0.#", Culture) + " %",
            "connections" or "series" => Count(v) + " " + unit,
            "" => Count(v),
            _ => Count(v) + " " + unit,
        };
    }

    public static string Bytes(double bytes)
    {
        var abs = Math.Abs(bytes);
        return abs >= Tib ? (bytes / Tib).ToString("0.##", Culture) + " TB"
            : abs >= Gib ? (bytes / Gib).ToString("0.##", Culture) + " GB"
            : abs >= Mib ? (bytes / Mib).ToString("0.#", Culture) + " MB"
            : abs >= Kib ? (bytes / Kib).ToString("0.#", Culture) + " KB"
            : bytes.ToString("0", Culture) + " B";
    }

    // Whole numbers keep their digits (500 connections, 12,345 series); only fractions are rounded.
    private static string Count(double v) =>
        Math.Abs(v) >= 100 || v == Math.Floor(v) ? v.ToString("#,0", Culture) : v.ToString("0.##", Culture);

    /// <summary>0.82 as "82 %".</summary>
    public static string Percent(double? fraction) =>
        fraction is { } f && double.IsFinite(f) ? (f * 100).ToString("0.#", Culture) + " %" : "—";

    /// <summary>
    /// What a chart of this unit divides by, and the axis title: bytes are charted in MB or GB (whichever keeps the
    /// largest value readable), everything else as it is.
    /// </summary>
    public static (double Divisor, string Title) Scale(string unit, double largest) => unit switch
    {
        "bytes" when largest >= Gib => (Gib, "GB"),
        "bytes" => (Mib, "MB"),
        "percent" => (1, "%"),
        _ => (1, unit),
    };

    public static string BandName(CapacityBand band) => band switch
    {
        CapacityBand.Ok => "ok",
        CapacityBand.Warning => "warning",
        CapacityBand.Critical => "critical",
        CapacityBand.Error => "error",
        _ => "no data",
    };

    public static Color BandColor(CapacityBand band) => band switch
    {
        CapacityBand.Ok => Color.Success,
        CapacityBand.Warning => Color.Warning,
        CapacityBand.Critical => Color.Error,
        CapacityBand.Error => Color.Error,
        _ => Color.Default,
    };

    public static string BandIcon(CapacityBand band) => band switch
    {
        CapacityBand.Ok => Icons.Material.Filled.CheckCircle,
        CapacityBand.Warning => Icons.Material.Filled.Warning,
        CapacityBand.Critical => Icons.Material.Filled.Error,
        CapacityBand.Error => Icons.Material.Filled.ReportProblem,
        _ => Icons.Material.Filled.HelpOutline,
    };

    /// <summary>"warning in 3 days · critical in 5 days · limit in 9 days", "not growing", or why there is no forecast.</summary>
    public static string Forecast(CapacityAssessment assessment)
    {
        if (assessment.Forecast is not { } forecast)
        {
            return assessment.Band is CapacityBand.Error or CapacityBand.NoData ? "No forecast without data." : "No forecast yet: too few points in the window.";
        }

        if (!forecast.Growing)
        {
            return "Not growing.";
        }

        // A growing line with no date for a level has passed it already (the band says so too).
        static string Until(string level, TimeSpan? until) => until is { } t ? $"{level} in {Duration(t)}" : $"{level} already reached";
        return string.Join(" · ", Until("warning", forecast.UntilWarning), Until("critical", forecast.UntilCritical), Until("limit", forecast.UntilLimit));
    }

    public static string Duration(TimeSpan t) =>
        t.TotalDays >= 2 ? $"{Math.Round(t.TotalDays):0} days"
        : t.TotalHours >= 2 ? $"{Math.Round(t.TotalHours):0} hours"
        : t.TotalMinutes >= 2 ? $"{Math.Round(t.TotalMinutes):0} minutes"
        : "a minute or less";

    public static string Age(TimeSpan age) =>
        age.TotalSeconds < 90 ? $"{Math.Max(0, Math.Round(age.TotalSeconds)):0} seconds" : Duration(age);
}
