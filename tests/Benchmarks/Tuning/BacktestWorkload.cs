using System.Globalization;
using System.Text;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;

namespace Portal.Benchmarks.Tuning;

/// <summary>
/// The work of issue 5's goals: 100 series × 7 days at 30 s steps (20,160 evaluations each), a rule
/// with `for` and `keep_firing_for`. Series are mean-reverting random walks with noise, spikes and
/// gaps; gaps last longer than the 5-minute lookback, so promtool sees exactly the engine's input.
/// </summary>
internal static class BacktestWorkload
{
    public const int SeriesCount = 100;
    public const int Steps = 7 * 24 * 120;
    public const long IntervalMs = 30_000;
    public const double Threshold = 75;

    public static BacktestInput Input() => Input(SeriesCount);

    /// <summary>The same kind of series, <paramref name="seriesCount"/> of them (issue 19 asks for 1,000).</summary>
    public static BacktestInput Input(int seriesCount)
    {
        var random = new Random(42);
        var series = new List<BacktestSeries>(seriesCount);
        for (var s = 0; s < seriesCount; s++)
        {
            var samples = new List<Sample>(Steps);
            var level = 50.0;
            var spike = 0;
            for (var i = 0; i < Steps; i++)
            {
                if (random.NextDouble() < 0.0002)
                {
                    i += random.Next(11, 60);
                    continue;
                }
                if (spike == 0 && random.NextDouble() < 0.0005)
                {
                    spike = random.Next(1, 40);
                }
                level += (50 - level) * 0.01 + (random.NextDouble() - 0.5) * 3;
                var value = level + (random.NextDouble() - 0.5) * 4 + (spike-- > 0 ? 30 : 0);
                spike = Math.Max(spike, 0);
                samples.Add(new Sample(i * IntervalMs, Math.Round(value, 2)));
            }
            series.Add(new BacktestSeries(LabelMap.Of(("instance", $"host-{s:D3}")), samples));
        }

        return new BacktestInput
        {
            Series = series,
            Operator = TokenKind.Gtr,
            Threshold = Threshold,
            For = TimeSpan.FromMinutes(5),
            KeepFiringFor = TimeSpan.FromMinutes(10),
            Interval = TimeSpan.FromMilliseconds(IntervalMs),
            StartMs = 0,
            EndMs = (Steps - 1) * IntervalMs,
        };
    }

    /// <summary>
    /// The same rule and series as promtool files, with the engine's firing alerts at 28 evaluations as
    /// the expectation, so a timed promtool run also checks that both did the same work.
    /// </summary>
    public static void WritePromtoolFiles(BacktestInput input, string directory)
    {
        var rules = $"groups:\n- name: bench\n  interval: 30s\n  rules:\n  - alert: BenchHigh\n    expr: bench_metric > {Threshold}\n"
            + "    for: 5m\n    keep_firing_for: 10m\n";
        File.WriteAllText(Path.Combine(directory, "rules.yml"), rules);

        var test = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 30s\ntests:\n- interval: 30s\n  input_series:\n");
        foreach (var series in input.Series)
        {
            var values = new string?[Steps];
            foreach (var sample in series.Samples)
            {
                values[sample.TimestampMs / IntervalMs] = sample.Value.ToString("0.##", CultureInfo.InvariantCulture);
            }
            test.Append($"  - series: 'bench_metric{{instance=\"{series.Labels["instance"]}\"}}'\n    values: '")
                .AppendJoin(' ', values.Select(v => v ?? "_")).Append("'\n");
        }

        // The engine's firing alerts every six hours and at the last evaluation are promtool's expectation.
        var result = Backtest.Run(input);
        test.Append("  alert_rule_test:\n");
        foreach (var step in Enumerable.Range(1, 27).Select(h => h * 6 * 120).Append(Steps - 1))
        {
            var firing = result.Series.Where(s => s.States[step] == AlertState.Firing).ToList();
            test.Append($"  - eval_time: {step * IntervalMs / 1000}s\n    alertname: BenchHigh\n    exp_alerts:{(firing.Count == 0 ? " []" : "")}\n");
            foreach (var s in firing)
            {
                test.Append($"    - exp_labels: {{instance: {s.Labels["instance"]}, alertname: BenchHigh}}\n");
            }
        }
        File.WriteAllText(Path.Combine(directory, "tests.yml"), test.ToString());
    }
}
