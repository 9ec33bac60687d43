using System.Globalization;
using System.Text;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;

namespace Portal.Tests.Integration.Tuning;

/// <summary>One generated rule and its raw series, one value a minute from time 0 (null = no sample).</summary>
internal sealed record DifferentialCase(int Number, string Op, double Threshold, int ForSeconds, int KeepSeconds, int Steps, IReadOnlyList<double?[]> Series)
{
    public const long Minute = 60_000;

    public static readonly string[] SeriesNames = ["a", "b", "c"];

    public string AlertName => $"Case{Number:D3}";

    public string Metric => $"backtest_case{Number:D3}";

    public string Condition => $"{Metric} {Op} {Format(Threshold)}";

    /// <summary>What the engine gets: raw samples through Prometheus' 5-minute lookback at each evaluation.</summary>
    public BacktestInput Input() => new()
    {
        Series = Series.Select((values, s) => new BacktestSeries(
            LabelMap.Of(("series", SeriesNames[s])),
            Lookback.AtEvaluationTimes(Raw(values), 0, (Steps - 1) * Minute, TimeSpan.FromMinutes(1)))).ToList(),
        Operator = Comparisons.FromSymbol(Op),
        Threshold = Threshold,
        For = TimeSpan.FromSeconds(ForSeconds),
        KeepFiringFor = TimeSpan.FromSeconds(KeepSeconds),
        Interval = TimeSpan.FromMinutes(1),
        StartMs = 0,
        EndMs = (Steps - 1) * Minute,
    };

    /// <summary>The values in promtool's series notation: <c>_</c> for a missing sample.</summary>
    public string PromtoolValues(int series) =>
        string.Join(' ', Series[series].Select(v => v is { } value ? Format(value) : "_"));

    public string Describe() =>
        $"{AlertName}: {Condition}, for {ForSeconds}s, keep_firing_for {KeepSeconds}s\n"
        + string.Concat(Series.Select((_, s) => $"    {SeriesNames[s]}: {PromtoolValues(s)}\n"));

    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static List<Sample> Raw(double?[] values) =>
        values.Select((v, i) => (v, i)).Where(x => x.v is not null).Select(x => new Sample(x.i * Minute, x.v!.Value)).ToList();

    /// <summary>
    /// Cases that make the state machine work: walks, flapping noise, spikes and plateaus around the
    /// threshold; gaps from one minute (bridged by the lookback) to nine (the series vanishes); NaN;
    /// `for` and `keep_firing_for` also between whole intervals.
    /// </summary>
    public static List<DifferentialCase> Generate(int count, int seed)
    {
        var random = new Random(seed);
        string[] ops = [">", ">=", "<", "<=", "==", "!="];
        var cases = new List<DifferentialCase>();
        for (var n = 1; n <= count; n++)
        {
            var op = ops[random.Next(ops.Length)];
            var whole = op is "==" or "!=" || random.Next(3) == 0;
            var threshold = whole ? random.Next(-2, 8) : Math.Round(random.NextDouble() * 10 - 2, 1);
            var steps = random.Next(30, 61);
            var series = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Values(random, steps, threshold, whole)).ToList();
            cases.Add(new DifferentialCase(n, op, threshold, random.Next(0, 21) * 30, random.Next(0, 11) * 30, steps, series));
        }
        return cases;
    }

    private static double?[] Values(Random random, int steps, double threshold, bool whole)
    {
        var values = new double?[steps];
        var shape = random.Next(4);
        var value = threshold + random.Next(-3, 4);
        var plateau = random.Next(3, 12);
        for (var i = 0; i < steps; i++)
        {
            value = shape switch
            {
                0 => value + (random.NextDouble() - 0.5) * 3,                                      // random walk
                1 => threshold + (random.Next(2) == 0 ? -1 : 1) * random.NextDouble() * 2,         // flapping noise
                2 => random.Next(8) == 0 ? threshold + random.Next(1, 6) : threshold - 2,         // spikes up
                _ => i / plateau % 2 == 0 ? threshold + 1 : threshold - 1,                        // plateaus
            };
            if (shape == 2 && random.Next(2) == 0)
            {
                value = 2 * threshold - value;                                                     // or down
            }
            values[i] = whole ? Math.Round(value) : Math.Round(value, 1);
        }

        // Gaps: short ones the lookback hides, long ones that make the series absent.
        var gaps = random.Next(0, 4);
        for (var g = 0; g < gaps; g++)
        {
            var start = random.Next(0, steps);
            var length = random.Next(1, 10);
            for (var i = start; i < Math.Min(steps, start + length); i++)
            {
                values[i] = null;
            }
        }
        for (var i = 0; i < steps; i++)
        {
            if (values[i] is not null && random.Next(40) == 0)
            {
                values[i] = double.NaN;
            }
        }
        return values;
    }

    public static string RuleFile(IEnumerable<DifferentialCase> cases)
    {
        var text = new StringBuilder("groups:\n- name: backtest\n  rules:\n");
        foreach (var c in cases)
        {
            text.Append($"  - alert: {c.AlertName}\n    expr: '{c.Condition}'\n");
            if (c.ForSeconds > 0)
            {
                text.Append($"    for: {c.ForSeconds}s\n");
            }
            if (c.KeepSeconds > 0)
            {
                text.Append($"    keep_firing_for: {c.KeepSeconds}s\n");
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// One promtool test over all cases: at every evaluation, the firing alerts (alert_rule_test) and
    /// the ALERTS series, which also show pending alerts (promql_expr_test).
    /// </summary>
    public static string TestFile(IReadOnlyList<DifferentialCase> cases, IReadOnlyList<BacktestResult> results)
    {
        var text = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n- interval: 1m\n  input_series:\n");
        foreach (var c in cases)
        {
            for (var s = 0; s < c.Series.Count; s++)
            {
                text.Append($"  - series: '{c.Metric}{{series=\"{SeriesNames[s]}\"}}'\n    values: '{c.PromtoolValues(s)}'\n");
            }
        }

        text.Append("  alert_rule_test:\n");
        for (var i = 0; i < cases.Count; i++)
        {
            for (var step = 0; step < cases[i].Steps; step++)
            {
                var firing = results[i].Series.Where(s => s.States[step] == AlertState.Firing).ToList();
                text.Append($"  - eval_time: {step}m\n    alertname: {cases[i].AlertName}\n    exp_alerts:{(firing.Count == 0 ? " []" : "")}\n");
                foreach (var s in firing)
                {
                    text.Append($"    - exp_labels: {{series: {s.Labels["series"]}, alertname: {cases[i].AlertName}}}\n");
                }
            }
        }

        text.Append("  promql_expr_test:\n");
        for (var i = 0; i < cases.Count; i++)
        {
            for (var step = 0; step < cases[i].Steps; step++)
            {
                var active = results[i].Series.Where(s => s.States[step] != AlertState.Inactive).ToList();
                text.Append($"  - expr: 'ALERTS{{alertname=\"{cases[i].AlertName}\"}}'\n    eval_time: {step}m\n    exp_samples:{(active.Count == 0 ? " []" : "")}\n");
                foreach (var s in active)
                {
                    var state = s.States[step] == AlertState.Firing ? "firing" : "pending";
                    text.Append($"    - labels: '{{__name__=\"ALERTS\", alertname=\"{cases[i].AlertName}\", alertstate=\"{state}\", series=\"{s.Labels["series"]}\"}}'\n      value: 1\n");
                }
            }
        }
        return text.ToString();
    }
}
