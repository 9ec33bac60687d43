using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>Receives the samples of one series at their evaluation steps (see <see cref="EvaluationGrid.Align"/>).</summary>
internal interface ISampleSink
{
    void Add(int step, double value);
}

/// <summary>A comparison compiled into the loop that uses it, instead of a switch per sample.</summary>
internal interface ICompare
{
    static abstract bool Holds(double value, double threshold);
}

internal readonly struct Greater : ICompare
{
    public static bool Holds(double value, double threshold) => value > threshold;
}

internal readonly struct GreaterOrEqual : ICompare
{
    public static bool Holds(double value, double threshold) => value >= threshold;
}

internal readonly struct Less : ICompare
{
    public static bool Holds(double value, double threshold) => value < threshold;
}

internal readonly struct LessOrEqual : ICompare
{
    public static bool Holds(double value, double threshold) => value <= threshold;
}

/// <summary>Spreads samples onto the steps and marks where the condition held.</summary>
internal ref struct HoldingSink<TCompare>(Span<bool> holds, Span<double> values, double threshold) : ISampleSink
    where TCompare : struct, ICompare
{
    private readonly Span<bool> _holds = holds;
    private readonly Span<double> _values = values;

    public void Add(int step, double value)
    {
        _values[step] = value;
        _holds[step] = TCompare.Holds(value, threshold);
    }
}

/// <summary>The same for == and !=, which are rare enough to compare through the operator.</summary>
internal ref struct EqualityHoldingSink(Span<bool> holds, Span<double> values, TokenKind op, double threshold) : ISampleSink
{
    private readonly Span<bool> _holds = holds;
    private readonly Span<double> _values = values;

    public void Add(int step, double value)
    {
        _values[step] = value;
        _holds[step] = Comparisons.Holds(op, value, threshold);
    }
}
