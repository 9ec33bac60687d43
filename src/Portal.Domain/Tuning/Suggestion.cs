using System.Globalization;
using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>
/// Picks the most sensitive threshold that keeps the rule within its noise budget (alerts per week) and
/// its firing-time budget, rounds it to a value a person would write, and says so in one sentence.
/// </summary>
internal static class Suggestion
{
    /// <summary>A threshold at which the alert fires at least this share of the time is never suggested, whatever the budget.</summary>
    private const double MostOfTheTime = 0.5;

    public static ThresholdSuggestion For(BacktestInput input, EvaluationGrid grid, IReadOnlyList<SweepPoint> points, ValueQuantiles? quantiles, SweepOptions options)
    {
        var op = grid.Operator;
        var current = grid.Threshold;
        // The sweep's firing hours add up series; the sentence needs "any series firing", as the backtest reports it.
        var now = Backtest.Run(input).Total;
        var coverage = grid.Coverage;
        if (quantiles is null)
        {
            return Withhold(op, current, now, options, SuggestionWithheld.NoData, "there are no samples in the range");
        }
        if (coverage.WithData < options.MinCoverage || coverage.Share < options.MinCoverageShare)
        {
            return Withhold(op, current, now, options, SuggestionWithheld.Coverage,
                $"there is data for {Span(coverage.WithData)} of the {Span(coverage.Asked)} asked, and advice needs at least "
                + $"{Span(options.MinCoverage)} and {options.MinCoverageShare.ToString("0.#%", CultureInfo.InvariantCulture)} of the range");
        }
        if (quantiles.Min == quantiles.Max)
        {
            return Withhold(op, current, now, options, SuggestionWithheld.Flat,
                $"every sample was {N(quantiles.Min)}, so the data cannot tell where normal ends");
        }

        var (budget, source) = Budget(options);
        var firingBudget = Math.Min(options.FiringBudget, MostOfTheTime);
        double Share(double threshold) => Backtest.Run(input.WithThreshold(threshold)).Total.FiringShare;

        // Alerts per week are not monotonic in the threshold (a stricter one can split one long episode
        // into several), so the candidates are where the budget holds from the strictest end on.
        var stricterUp = op is TokenKind.Gtr or TokenKind.Gte;
        var candidates = new List<SweepPoint>();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[stricterUp ? points.Count - 1 - i : i];
            if (point.AlertsPerWeek > budget)
            {
                break;
            }
            candidates.Add(point);
        }

        // Firing time only grows as the threshold loosens, so the loosest candidate within the firing
        // budget is found by halving. The sweep's firing hours are summed over series, an upper bound of
        // "any series firing": within the budget they need no backtest; over it, the backtest decides.
        bool WithinFiring(SweepPoint p) =>
            Math.Min(1, p.FiringHours * 3_600_000 / grid.CoveredMs) <= firingBudget || Share(p.Threshold) <= firingBudget;
        int low = 0, high = candidates.Count - 1, best = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (WithinFiring(candidates[middle]))
            {
                best = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (best < 0)
        {
            return Withhold(op, current, now, options, SuggestionWithheld.OverBudget,
                $"even the strictest threshold in the observed range exceeds {Budgets(budget, firingBudget, options)}");
        }

        var chosen = candidates[best];
        var (threshold, statistics) = Rounded(input, chosen.Threshold, stricterUp, quantiles.Max - quantiles.Min, budget, firingBudget);
        return Describe(op, new ThresholdSuggestion(budget, source, firingBudget, current, now.AlertsPerWeek, now.FiringShare, threshold,
            statistics.AlertsPerWeek, statistics.FiringShare, threshold - current, null, null, ""));
    }

    /// <summary>No suggestion, and why.</summary>
    public static ThresholdSuggestion Withhold(TokenKind op, double current, BacktestStatistics now, SweepOptions options, string code, string reason)
    {
        var (budget, source) = Budget(options);
        return Describe(op, new ThresholdSuggestion(budget, source, Math.Min(options.FiringBudget, MostOfTheTime), current, now.AlertsPerWeek, now.FiringShare,
            null, null, null, null, code, reason, ""));
    }

    /// <summary>The sentence for a suggestion, written for its current threshold.</summary>
    public static ThresholdSuggestion Describe(TokenKind op, ThresholdSuggestion s)
    {
        var symbol = Comparisons.Symbol(op);
        var opening = $"At {symbol} {N(s.CurrentThreshold)} this rule would have fired {Times(s.CurrentAlertsPerWeek)} a week ({Percent(s.CurrentFiringShare)} of the time)";
        if (s.Threshold is not { } best)
        {
            return s with { Explanation = $"{opening}; no threshold is suggested: {s.WithheldReason}." };
        }

        var within = $"the {s.BudgetSource} budget of {N(s.Budget)} a week and {Percent(s.FiringBudget)} of the time firing";
        var distance = best - s.CurrentThreshold;
        var direction = distance > 0 ? "higher" : "lower";
        var extreme = op is TokenKind.Gtr or TokenKind.Gte ? "lowest" : "highest";
        var then = $"{Times(s.AlertsPerWeek ?? 0)} a week ({Percent(s.FiringShare ?? 0)} of the time)";
        // A threshold the alert stays above fires once and never stops: few alerts, yet over budget in time.
        var over = s.CurrentAlertsPerWeek > s.Budget || s.CurrentFiringShare > s.FiringBudget;
        var explanation = distance == 0
            ? $"{opening}, and it is the {extreme} threshold that stays within {within}."
            : !over
                ? $"{opening}, within {within}; {symbol} {N(best)} ({N(Math.Abs(distance))} {direction}) is the {extreme} threshold that still stays within it: {then}."
                : $"{opening}, over {within}; {symbol} {N(best)} ({N(Math.Abs(distance))} {direction}) would have fired {then}.";

        return s with { Distance = distance, Explanation = explanation };
    }

    /// <summary>
    /// The threshold as a person would write it: two significant digits, else three, to the nearest or else
    /// in the strict direction (which fires no more often), and never coarser than a twentieth of the observed
    /// spread (1000.3 on a metric between 1000.0 and 1000.5 stays 1000.3, not 1000). A rounded value is
    /// kept only when the backtest at it still meets both budgets; otherwise the exact value is.
    /// </summary>
    internal static (double Threshold, BacktestStatistics Statistics) Rounded(BacktestInput input, double exact, bool up, double spread,
        double budget, double firingBudget)
    {
        // Nearest first (it may be the more sensitive of the two), then in the strict direction.
        foreach (var (digits, direction) in new[] { (2, (bool?)null), (2, up), (3, null), (3, up) })
        {
            if (Round(exact, digits, direction, spread) is not { } rounded)
            {
                continue;
            }

            var statistics = Backtest.Run(input.WithThreshold(rounded)).Total;
            if (statistics.AlertsPerWeek <= budget && statistics.FiringShare <= firingBudget)
            {
                return (rounded, statistics);
            }
        }

        return (exact, Backtest.Run(input.WithThreshold(exact)).Total);
    }

    /// <summary>
    /// <paramref name="value"/> to <paramref name="digits"/> significant digits, up, down or to the nearest
    /// (<paramref name="up"/> null); null when decimal cannot hold it.
    /// </summary>
    internal static double? Round(double value, int digits, bool? up, double spread)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value))) - (digits - 1);
        if (spread > 0 && double.IsFinite(spread))
        {
            exponent = Math.Min(exponent, (int)Math.Floor(Math.Log10(spread / 20)));
        }
        if (Math.Abs(value) >= 7e27 || exponent < -27 || exponent > 27)
        {
            return null;
        }

        // decimal holds powers of ten exactly, so 0.87 stays 0.87 and not 0.8700000000000001.
        var unit = exponent >= 0 ? (decimal)Math.Pow(10, exponent) : 1m / (decimal)Math.Pow(10, -exponent);
        var units = (decimal)value / unit;
        var whole = up switch
        {
            true => Math.Ceiling(units),
            false => Math.Floor(units),
            null => Math.Round(units, MidpointRounding.AwayFromZero),
        };
        return (double)(whole * unit);
    }

    private static string Budgets(double budget, double firingBudget, SweepOptions options) =>
        $"the {Budget(options).Source} budget of {N(budget)} a week or {Percent(firingBudget)} of the time firing";

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

    private static string Percent(double share) => share.ToString("0.##%", CultureInfo.InvariantCulture);

    /// <summary>A duration in one unit, as the page writes it.</summary>
    internal static string Span(TimeSpan span) => span switch
    {
        { Ticks: 0 } => "0 s",
        { TotalMinutes: < 1 } => $"{span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s",
        { TotalHours: < 1 } => $"{span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min",
        { TotalDays: < 2 } => $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h",
        _ => $"{span.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} d",
    };

    /// <summary>Short numbers for a sentence: three decimals, or three significant digits when smaller.</summary>
    private static string N(double value) =>
        value == 0 || Math.Abs(value) >= 0.001 || !double.IsFinite(value)
            ? value.ToString("0.###", CultureInfo.InvariantCulture)
            : value.ToString("G3", CultureInfo.InvariantCulture);
}
