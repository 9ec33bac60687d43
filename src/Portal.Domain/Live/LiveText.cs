using System.Globalization;

namespace Portal.Domain.Live;

/// <summary>The words the pages and the API use for live state, so every place says it the same way.</summary>
public static class LiveText
{
    public static string Word(LiveState state) => state switch
    {
        LiveState.Firing => "firing",
        LiveState.Pending => "pending",
        LiveState.Inactive => "inactive",
        _ => "no data",
    };

    /// <summary>The filter value for a state (<c>firing</c>, <c>pending</c>, <c>inactive</c>, <c>nodata</c>), or null for anything else.</summary>
    public static LiveState? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "firing" => LiveState.Firing,
        "pending" => LiveState.Pending,
        "inactive" => LiveState.Inactive,
        "nodata" or "no data" or "no-data" => LiveState.NoData,
        _ => null,
    };

    public static string Key(LiveState state) => state == LiveState.NoData ? "nodata" : Word(state);

    /// <summary>"firing since 13:28:21 UTC (5 min)"; a series without a start time says only its state.</summary>
    public static string Since(LiveState state, DateTimeOffset? since, DateTimeOffset now)
    {
        if (state is not (LiveState.Firing or LiveState.Pending) || since is not { } at)
        {
            return Word(state);
        }

        return $"{Word(state)} since {When(at, now)}";
    }

    /// <summary>"13:28:21 UTC (5 min)"; the date too when it is not today.</summary>
    public static string When(DateTimeOffset at, DateTimeOffset now)
    {
        var utc = at.ToUniversalTime();
        var clock = utc.Date == now.ToUniversalTime().Date
            ? utc.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{clock} UTC ({Duration(now - at)})";
    }

    /// <summary>A duration as a person says it: "45 s", "5 min", "2 h 5 min", "3 d 4 h".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min"
            : span.TotalHours < 24 ? (span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min")
            : span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    /// <summary>How long an evaluation took: "0.49 ms", "12 ms", "1.3 s".</summary>
    public static string EvaluationTime(double? seconds) => seconds switch
    {
        null => "—",
        < 0.01 => (seconds.Value * 1000).ToString("0.##", CultureInfo.InvariantCulture) + " ms",
        < 1 => (seconds.Value * 1000).ToString("0", CultureInfo.InvariantCulture) + " ms",
        _ => seconds.Value.ToString("0.#", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>"evaluated 4 s ago" or "not evaluated yet".</summary>
    public static string LastEvaluation(DateTimeOffset? at, DateTimeOffset now) =>
        at is { } when ? $"evaluated {Duration(now - when)} ago" : "not evaluated yet";

    /// <summary>A sample value as Prometheus would print it, without exponent noise for ordinary numbers.</summary>
    public static string Value(double value) => double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("G6", CultureInfo.InvariantCulture);
}
