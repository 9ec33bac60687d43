using System.Globalization;
using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>Picks the threshold that meets the noise budget from a sweep curve and says so in one sentence.</summary>
internal static class Suggestion
{
    public static ThresholdSuggestion For(TokenKind op, double current, IReadOnlyList<SweepPoint> points, bool noData, SweepOptions options)
    {
        var (budget, source) = Budget(options);
        var symbol = Comparisons.Symbol(op);
        var now = points.First(p => p.Marks.HasFlag(SweepMarks.Current));
        var opening = $"At {symbol} {N(current)} this rule would have fired {Times(now.AlertsPerWeek)} a week";
        if (noData)
        {
            return new ThresholdSuggestion(budget, source, current, now.AlertsPerWeek, null, null, null,
                "There are no samples in the range, so no threshold can be suggested.");
        }

        // Alerts per week are not monotonic in the threshold (a stricter one can split one long episode
        // into several), so the suggestion is where the budget holds from there on, in the strict direction.
        var stricterUp = op is TokenKind.Gtr or TokenKind.Gte;
        SweepPoint? best = null;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[stricterUp ? points.Count - 1 - i : i];
            if (point.AlertsPerWeek > budget)
            {
                break;
            }
            best = point;
        }

        var within = $"the {source} budget of {N(budget)} a week";
        if (best is null)
        {
            return new ThresholdSuggestion(budget, source, current, now.AlertsPerWeek, null, null, null,
                $"{opening}; even the strictest threshold in the observed range exceeds {within}, so none is suggested.");
        }

        var distance = best.Threshold - current;
        var direction = distance > 0 ? "higher" : "lower";
        var extreme = stricterUp ? "lowest" : "highest";
        var explanation = distance == 0
            ? $"{opening}, and it is the {extreme} threshold that stays within {within}."
            : now.AlertsPerWeek <= budget
                ? $"{opening}, within {within}; {symbol} {N(best.Threshold)} ({N(Math.Abs(distance))} {direction}) is the {extreme} threshold that still stays within it."
                : $"{opening}, over {within}; {symbol} {N(best.Threshold)} ({N(Math.Abs(distance))} {direction}) would have fired {Times(best.AlertsPerWeek)} a week.";
        return new ThresholdSuggestion(budget, source, current, now.AlertsPerWeek, best.Threshold, best.AlertsPerWeek, distance, explanation);
    }

    private static (double Budget, string Source) Budget(SweepOptions options)
    {
        if (options.Budget is { } configured)
        {
            if (!(configured >= 0))
            {
                throw new ArgumentException("A noise budget is a number of alerts per week, zero or more.", nameof(options));
            }
            return (configured, "configured");
        }
        if (options.Severity is { } severity && options.BudgetsBySeverity.TryGetValue(severity, out var bySeverity))
        {
            return (bySeverity, severity);
        }
        return (options.FallbackBudget, "default");
    }

    /// <summary>A rate in words: whole numbers from ten up, one decimal below (a week's noise needs no more).</summary>
    private static string Times(double perWeek)
    {
        var text = perWeek.ToString(perWeek >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture);
        return text == "1" ? "once" : $"{text} times";
    }

    /// <summary>Short numbers for a sentence: three decimals, or three significant digits when smaller.</summary>
    private static string N(double value) =>
        value == 0 || Math.Abs(value) >= 0.001 || !double.IsFinite(value)
            ? value.ToString("0.###", CultureInfo.InvariantCulture)
            : value.ToString("G3", CultureInfo.InvariantCulture);
}
