using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>
/// "How often would this rule have fired at other thresholds?": alerts per week and firing hours at
/// evenly spread thresholds across the observed values, at the value quantiles and at the current
/// threshold, honouring <c>for</c> and <c>keep_firing_for</c>; and the threshold that keeps the rule
/// within its noise budget. Each point equals what <see cref="Backtest.Run"/> reports at that threshold.
/// </summary>
public static class ThresholdSweep
{
    public static SweepResult Run(BacktestInput input, SweepOptions? options = null)
    {
        options ??= new SweepOptions();
        var grid = EvaluationGrid.From(input);
        if (options.GridPoints is < 2 or > 10_000)
        {
            throw new ArgumentException("A sweep spreads between 2 and 10,000 thresholds.", nameof(options));
        }

        var quantiles = Quantiles.Compute(grid);
        if (grid.Operator is not (TokenKind.Gtr or TokenKind.Gte or TokenKind.Lss or TokenKind.Lte))
        {
            // == and != have no stricter or looser threshold: the curve would be meaningless, but the
            // backtest at the rule's own value still is, so the answer carries that one point.
            var total = Backtest.Run(input).Total;
            var only = new SweepPoint(grid.Threshold, SweepMarks.Current, total.FiringEpisodes, total.AlertsPerWeek, total.TotalFiring.TotalHours);
            var why = $"{Comparisons.Symbol(grid.Operator)} compares with one exact value, so there is no stricter or looser threshold to sweep; "
                + "the backtest above is what this rule would have done.";
            return new SweepResult([only], quantiles,
                Suggestion.Withhold(grid.Operator, grid.Threshold, total, options, SuggestionWithheld.Operator, why.TrimEnd('.')),
                grid.Coverage, why);
        }

        var marked = Thresholds(quantiles, grid.Threshold, options.GridPoints);
        var thresholds = marked.Select(t => t.Threshold).ToArray();
        var (episodes, firingSteps) = SweepKernel.Run(grid, thresholds);

        var points = new SweepPoint[thresholds.Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new SweepPoint(thresholds[i], marked[i].Marks, (int)episodes[i],
                Statistics.AlertsPerWeek(episodes[i], grid.CoveredMs), firingSteps[i] * grid.IntervalMs / 3_600_000.0);
        }

        return new SweepResult(points, quantiles, Suggestion.For(input, grid, points, quantiles, options), grid.Coverage);
    }

    /// <summary>
    /// The suggestion's sentence for another current threshold (the page's slider moved): the suggested
    /// threshold stays, the opening and the comparison follow the threshold under test.
    /// </summary>
    public static SweepResult Rephrase(SweepResult sweep, TokenKind op, double current, BacktestStatistics atCurrent) =>
        sweep with { Suggestion = Suggestion.Describe(op, sweep.Suggestion with { CurrentThreshold = current,
            CurrentAlertsPerWeek = atCurrent.AlertsPerWeek, CurrentFiringShare = atCurrent.FiringShare,
            Distance = sweep.Suggestion.Threshold is { } t ? t - current : null }) };

    /// <summary>The grid, the quantiles and the current threshold, ascending, equal thresholds merged.</summary>
    private static List<(double Threshold, SweepMarks Marks)> Thresholds(ValueQuantiles? q, double current, int gridPoints)
    {
        var all = new List<(double Threshold, SweepMarks Marks)> { (current, SweepMarks.Current) };
        if (q is not null)
        {
            if (q.Max > q.Min)
            {
                all.AddRange(GridValues(q.Min, q.Max, gridPoints).Select(v => (v, SweepMarks.Grid)));
            }
            all.Add((q.Max, SweepMarks.Grid | SweepMarks.Max));
            all.Add((q.P50, SweepMarks.P50));
            all.Add((q.P90, SweepMarks.P90));
            all.Add((q.P99, SweepMarks.P99));
            all.Add((q.P999, SweepMarks.P999));
        }

        all.Sort((a, b) => a.Threshold.CompareTo(b.Threshold));
        var merged = new List<(double Threshold, SweepMarks Marks)>();
        foreach (var (threshold, marks) in all)
        {
            if (merged.Count > 0 && merged[^1].Threshold == threshold)
            {
                merged[^1] = (threshold, merged[^1].Marks | marks);
            }
            else
            {
                merged.Add((threshold, marks));
            }
        }

        return merged;
    }

    /// <summary>
    /// Evenly spaced thresholds from <paramref name="min"/> towards <paramref name="max"/>, fewer than
    /// <paramref name="gridPoints"/>, at values a person would write: the step is 1, 2, 2.5 or 5 times a
    /// power of ten, so a click on the chart or the heatmap sets 0.12, not 0.11054438860971524. Numbers
    /// decimal cannot hold keep the exact linear spacing.
    /// </summary>
    internal static IEnumerable<double> GridValues(double min, double max, int gridPoints)
    {
        var span = max - min;
        var raw = span / (gridPoints - 1);
        if (double.IsFinite(span) && raw > 1e-20 && Math.Abs(min) < 1e26 && Math.Abs(max) < 1e26)
        {
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            // decimal holds each multiple exactly: 3 × 0.1 is 0.3, not 0.30000000000000004.
            var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => (decimal)(m * magnitude)).First(s => (double)s >= raw);
            var last = (decimal)max;
            for (var k = Math.Ceiling((decimal)min / step); k * step < last; k++)
            {
                yield return (double)(k * step);
            }

            yield break;
        }

        for (var i = 0; i < gridPoints - 1; i++)
        {
            // Values near ±double.MaxValue make Max - Min infinite, and Min + Inf * 0 is NaN: weigh the ends instead.
            var at = (double)i / (gridPoints - 1);
            yield return double.IsFinite(span) ? min + span * i / (gridPoints - 1) : min * (1 - at) + max * at;
        }
    }
}
