using System.Runtime.InteropServices;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Tuning;

/// <summary>
/// The validated evaluation times of a <see cref="BacktestInput"/> and the mapping of each series'
/// samples onto them. Everything is in whole milliseconds, as Prometheus' timestamps are.
/// </summary>
internal sealed class EvaluationGrid
{
    /// <summary>30 days at one-second steps, with room to spare; beyond this the caller asked for too much.</summary>
    public const int MaxSteps = 5_000_000;

    /// <summary>Series × steps: about 1.6 GB of samples; a caller past this should have cut the query.</summary>
    public const long MaxPoints = 100_000_000;

    private readonly IReadOnlyList<BacktestSeries> _series;

    private EvaluationGrid(BacktestInput input, int steps, LabelMap[] labels)
    {
        _series = input.Series;
        Operator = input.Operator;
        Threshold = input.Threshold;
        StartMs = input.StartMs;
        IntervalMs = WholeMilliseconds(input.Interval, nameof(input.Interval));
        ForMs = WholeMilliseconds(input.For, nameof(input.For));
        KeepFiringForMs = WholeMilliseconds(input.KeepFiringFor, nameof(input.KeepFiringFor));
        FlapGapMs = WholeMilliseconds(input.FlapGap, nameof(input.FlapGap));
        Steps = steps;
        Labels = labels;
    }

    public TokenKind Operator { get; }
    public double Threshold { get; }
    public long StartMs { get; }
    public long IntervalMs { get; }
    public long ForMs { get; }
    public long KeepFiringForMs { get; }
    public long FlapGapMs { get; }
    public int Steps { get; }

    /// <summary>The alert labels of each series (without <c>__name__</c>), in input order.</summary>
    public LabelMap[] Labels { get; }

    public int SeriesCount => Labels.Length;

    /// <summary>The range the evaluations stand for: each one covers one interval.</summary>
    public long RangeMs => Steps * IntervalMs;

    public long TimeAt(int step) => StartMs + step * IntervalMs;

    private int? _coveredSteps;

    /// <summary>Evaluations at which at least one series has a sample (NaN included: the series was there).</summary>
    public int CoveredSteps => _coveredSteps ??= CountCovered();

    /// <summary>The time the covered evaluations stand for; every rate is divided by this.</summary>
    public long CoveredMs => CoveredSteps * IntervalMs;

    public Coverage Coverage => new(CoveredMs / 1000.0, RangeMs / 1000.0);

    /// <summary>
    /// Takes the coverage from a pass that has already visited every sample of every series (marking
    /// each step that had one), instead of reading all samples a second time.
    /// </summary>
    public void CoveredStepsFrom(ReadOnlySpan<bool> covered)
    {
        if (covered.Length != Steps)
        {
            throw new ArgumentException($"Coverage has {covered.Length} steps; the grid has {Steps}.", nameof(covered));
        }

        _coveredSteps = covered.Count(true);
    }

    private int CountCovered()
    {
        var covered = new bool[Steps];
        var sink = new CoverageSink(covered);
        for (var s = 0; s < SeriesCount; s++)
        {
            Align(s, ref sink);
        }

        return covered.AsSpan().Count(true);
    }

    private readonly ref struct CoverageSink(Span<bool> covered) : ISampleSink
    {
        private readonly Span<bool> _covered = covered;

        public void Add(int step, double value) => _covered[step] = true;
    }

    public static EvaluationGrid From(BacktestInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Series);
        if (!TokenKinds.IsComparison(input.Operator))
        {
            throw new ArgumentException($"The operator must be a comparison (>, >=, <, <=, ==, !=), not {input.Operator}.", nameof(input));
        }
        if (double.IsNaN(input.Threshold))
        {
            throw new ArgumentException("The threshold must be a number, not NaN.", nameof(input));
        }
        var interval = WholeMilliseconds(input.Interval, nameof(input.Interval));
        if (interval <= 0)
        {
            throw new ArgumentException("The evaluation interval must be positive.", nameof(input));
        }
        if (input.EndMs < input.StartMs)
        {
            throw new ArgumentException("The range ends before it starts.", nameof(input));
        }
        var steps = (input.EndMs - input.StartMs) / interval + 1;
        if (steps > MaxSteps)
        {
            throw new ArgumentException($"The range holds {steps:N0} evaluations; at most {MaxSteps:N0} are allowed.", nameof(input));
        }

        // Prometheus keys alerts by their label set; two series with the same one would be one alert
        // there (and an evaluation error), so they are refused here instead of silently merged.
        var labels = new LabelMap[input.Series.Count];
        var seen = new HashSet<LabelMap>();
        for (var i = 0; i < labels.Length; i++)
        {
            var series = input.Series[i] ?? throw new ArgumentException($"Series {i} is null.", nameof(input));
            labels[i] = (series.Labels ?? LabelMap.Empty).Without("__name__");
            if (!seen.Add(labels[i]))
            {
                throw new ArgumentException($"Two series have the label set {labels[i]}; an alert is identified by it.", nameof(input));
            }
        }

        if (steps * labels.Length > MaxPoints)
        {
            throw new ArgumentException($"{labels.Length} series × {steps:N0} evaluations exceed {MaxPoints:N0} points.", nameof(input));
        }

        return new EvaluationGrid(input, (int)steps, labels);
    }

    /// <summary>
    /// Hands every sample of series <paramref name="series"/> that lies in the range to
    /// <paramref name="sink"/> with its step index, in time order. Refuses samples between evaluation
    /// times or out of order. A struct sink is compiled into the loop, which is the hot path of both the
    /// backtest and the sweep.
    /// </summary>
    public void Align<TSink>(int series, ref TSink sink) where TSink : ISampleSink, allows ref struct
    {
        var samples = _series[series].Samples ?? [];
        var span = samples switch
        {
            Sample[] array => array,
            List<Sample> list => CollectionsMarshal.AsSpan(list),
            _ => samples.ToArray(),
        };

        var previous = -1;
        var expected = StartMs;
        var lastMs = StartMs + (Steps - 1) * IntervalMs;
        foreach (var (timestamp, value) in span)
        {
            // Consecutive samples are the common case; dividing only after a gap keeps this cheap.
            var step = previous + 1;
            if (timestamp != expected)
            {
                if (timestamp < StartMs || timestamp > lastMs)
                {
                    continue;
                }

                var offset = timestamp - StartMs;
                step = (int)(offset / IntervalMs);
                if (offset % IntervalMs != 0)
                {
                    throw new ArgumentException($"Series {Labels[series]} has a sample at {timestamp} ms, between evaluation times; "
                        + "give the values Prometheus sees at the evaluation times (see Lookback).");
                }
                if (step <= previous)
                {
                    throw new ArgumentException($"Series {Labels[series]} has samples out of order or twice at {timestamp} ms.");
                }
            }
            else if (timestamp > lastMs)
            {
                break;
            }

            sink.Add(step, value);
            previous = step;
            expected = timestamp + IntervalMs;
        }
    }

    internal static long WholeMilliseconds(TimeSpan span, string name)
    {
        if (span < TimeSpan.Zero || span.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{name} must be a non-negative whole number of milliseconds, not {span}.", name);
        }

        return span.Ticks / TimeSpan.TicksPerMillisecond;
    }
}
