using System.Globalization;

namespace Portal.Domain.Capacity;

/// <summary>
/// The plain sentence under a model's gauge, made only from its numbers: where usage stands against the named lines
/// (the highest one passed), and when the trend reaches the next one.
/// </summary>
public static class CapacityRecommendation
{
    public const string NoData = "No data: the usage query answered nothing over the window, so nothing can be said.";

    public static string Failed(string problem) => $"Cannot be judged until this is fixed: {problem}";

    /// <summary>A line on the gauge: a named mark, the warning or critical line, or the limit (fraction 1).</summary>
    public sealed record Level(string Name, double Fraction);

    /// <summary>
    /// Marks, warning, critical and the limit, lowest first. At equal fractions the warning/critical line comes first
    /// and a team's named mark after it, so the mark's word ("cliff") is what the sentence uses; the limit is last.
    /// </summary>
    public static IReadOnlyList<Level> Levels(CapacityModelSpec spec) =>
        new[] { (new Level("the warning line", spec.Warning), 0), (new Level("the critical line", spec.Critical), 0), (new Level("the limit", 1.0), 2) }
            .Concat(spec.Marks.Select(m => (new Level($"the {m.Name} mark", m.Fraction), 1)))
            .OrderBy(l => l.Item1.Fraction).ThenBy(l => l.Item2)
            .Select(l => l.Item1)
            .ToList();

    public static string Sentence(CapacityModelSpec spec, double utilization, double limit, CapacityForecast? forecast)
    {
        var levels = Levels(spec);
        var passed = levels.LastOrDefault(l => utilization >= l.Fraction);
        // The next line up; of several at one fraction, the last (the team's own word, or the limit).
        var nextFraction = levels.Where(l => l.Fraction > utilization).Select(l => (double?)l.Fraction).FirstOrDefault();
        var next = nextFraction is { } f ? levels.Last(l => l.Fraction == f) : null;
        var where = $"At {Percent(utilization)} of the limit" + passed switch
        {
            null => "",
            { Name: "the limit" } => ", at or over the limit itself",
            _ => $", above {passed.Name}",
        };
        var trend = forecast switch
        {
            null => "too little data for a trend yet",
            { Growing: false } => "not growing",
            _ when next is null => "and still growing",
            _ when CapacityForecasting.Until(forecast, limit, next.Fraction) is { } until => $"at this rate {next.Name} is reached in {Duration(until)}",
            _ => $"growing, but {next.Name} is not reached within ten years",
        };
        return $"{where}; {trend}.";
    }

    /// <summary>"82 %": whole percents, as the users' documents write them.</summary>
    public static string Percent(double fraction) =>
        (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <summary>"under an hour", "5 hours", "3 days": whole units, rounded down, so the sentence never promises more time than there is.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        _ when span < TimeSpan.FromHours(1) => "under an hour",
        _ when span < TimeSpan.FromHours(2) => "1 hour",
        _ when span < TimeSpan.FromDays(2) => $"{(int)span.TotalHours} hours",
        _ => $"{(int)span.TotalDays} days",
    };
}
