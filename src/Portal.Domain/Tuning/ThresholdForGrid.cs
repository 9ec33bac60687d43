namespace Portal.Domain.Tuning;

/// <summary>
/// "What if I waited longer before paging?": the rule's alerts per week and median detection delay at each
/// of the sweep's thresholds and each of a few <c>for</c> durations, over the same samples and with the
/// rule's own <c>keep_firing_for</c>. Each cell equals <see cref="Backtest.Run"/> at that threshold and <c>for</c>.
/// </summary>
public static class ThresholdForGrid
{
    /// <summary>The <c>for</c> values people choose between: none, a minute or two, five, ten, fifteen.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultFors =
        [TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15)];

    public const int MaxThresholds = 1_000;
    public const int MaxFors = 12;

    /// <param name="input">Series, operator, <c>keep_firing_for</c> and range; its threshold and <c>for</c> are ignored.</param>
    /// <param name="thresholds">Finite thresholds, any order; the answer holds them distinct and ascending.</param>
    /// <param name="fors">The <c>for</c> durations, one row each (default <see cref="DefaultFors"/>).</param>
    public static ThresholdForGridResult Run(BacktestInput input, IReadOnlyList<double> thresholds, IReadOnlyList<TimeSpan>? fors = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(thresholds);
        fors ??= DefaultFors;
        if (fors.Count is 0 or > MaxFors)
        {
            throw new ArgumentException($"A grid has between 1 and {MaxFors} `for` durations, not {fors.Count}.", nameof(fors));
        }
        if (thresholds.Any(t => !double.IsFinite(t)))
        {
            throw new ArgumentException("Every threshold of a grid must be a finite number.", nameof(thresholds));
        }

        var sorted = thresholds.Distinct().Order().ToArray();
        if (sorted.Length is 0 or > MaxThresholds)
        {
            throw new ArgumentException($"A grid has between 1 and {MaxThresholds:N0} distinct thresholds, not {sorted.Length:N0}.", nameof(thresholds));
        }

        // The grid validates everything else (range, interval, keep_firing_for, series).
        var grid = EvaluationGrid.From(input.WithThreshold(sorted[0]) with { For = TimeSpan.Zero });
        var forSteps = new int[fors.Count];
        for (var f = 0; f < fors.Count; f++)
        {
            var forMs = EvaluationGrid.WholeMilliseconds(fors[f], "for");
            forSteps[f] = GridKernel.CeilSteps(forMs, grid.IntervalMs, grid.Steps);
        }

        var (episodes, firing) = GridKernel.Run(grid, sorted, forSteps);
        var rows = new IReadOnlyList<GridCell>[fors.Count];
        for (var f = 0; f < fors.Count; f++)
        {
            var row = new GridCell[sorted.Length];
            // Every episode goes pending at its first breach and fires exactly ceil(for / interval)
            // evaluations later, so all delays of a row are one value and so is their median.
            var delay = TimeSpan.FromMilliseconds(forSteps[f] * grid.IntervalMs);
            for (var t = 0; t < sorted.Length; t++)
            {
                var count = episodes[f * sorted.Length + t];
                row[t] = new GridCell((int)count, Statistics.AlertsPerWeek(count, grid.CoveredMs),
                    firing[f * sorted.Length + t] * grid.IntervalMs / 3_600_000.0, count > 0 ? delay : null);
            }
            rows[f] = row;
        }

        return new ThresholdForGridResult(sorted, fors.ToArray(), rows, grid.Coverage);
    }
}
