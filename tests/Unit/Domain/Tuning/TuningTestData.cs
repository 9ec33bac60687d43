using System.Globalization;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;

namespace Portal.Tests.Unit.Domain.Tuning;

/// <summary>Series written like promtool's: one value per minute from time 0, <c>_</c> for a missing one.</summary>
internal static class TuningTestData
{
    public const long Minute = 60_000;

    public static BacktestSeries Series(string values, string name = "a")
    {
        var samples = values.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select((v, i) => (v, i))
            .Where(x => x.v != "_")
            .Select(x => new Sample(x.i * Minute, double.Parse(x.v, CultureInfo.InvariantCulture)))
            .ToList();
        return new BacktestSeries(LabelMap.Of(("instance", name)), samples);
    }

    public static BacktestInput Input(string op, double threshold, int forMinutes, int keepMinutes, int steps, params BacktestSeries[] series) => new()
    {
        Series = series,
        Operator = Comparisons.FromSymbol(op),
        Threshold = threshold,
        For = TimeSpan.FromMinutes(forMinutes),
        KeepFiringFor = TimeSpan.FromMinutes(keepMinutes),
        Interval = TimeSpan.FromMinutes(1),
        StartMs = 0,
        EndMs = (steps - 1) * Minute,
    };

    /// <summary>The states as one character per evaluation: '.' inactive, 'p' pending, 'F' firing.</summary>
    public static string States(SeriesBacktest series) =>
        string.Concat(series.States.Select(s => s switch { AlertState.Pending => 'p', AlertState.Firing => 'F', _ => '.' }));

    public static string States(string values, string op, double threshold, int forMinutes = 0, int keepMinutes = 0)
    {
        var steps = values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return States(Backtest.Run(Input(op, threshold, forMinutes, keepMinutes, steps, Series(values))).Series[0]);
    }

    /// <summary>Random walks with spikes and gaps, for comparing the sweep with the step-by-step engine.</summary>
    public static BacktestSeries RandomSeries(Random random, int steps, string name)
    {
        var samples = new List<Sample>();
        var value = random.Next(0, 100);
        for (var i = 0; i < steps; i++)
        {
            value = Math.Clamp(value + random.Next(-8, 9), 0, 100);
            if (random.NextDouble() < 0.08)
            {
                continue;
            }

            var v = random.NextDouble() < 0.03 ? value + random.Next(20, 60) : value;
            samples.Add(new Sample(i * Minute, random.NextDouble() < 0.01 ? double.NaN : v));
        }

        return new BacktestSeries(LabelMap.Of(("instance", name)), samples);
    }
}
