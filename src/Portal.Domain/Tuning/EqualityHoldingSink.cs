using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>The same for == and !=, which are rare enough to compare through the operator.</summary>
internal ref struct EqualityHoldingSink(Span<bool> holds, Span<double> values, Span<bool> covered, TokenKind op, double threshold) : ISampleSink
{
    private readonly Span<bool> _holds = holds;
    private readonly Span<double> _values = values;
    private readonly Span<bool> _covered = covered;

    public void Add(int step, double value)
    {
        _values[step] = value;
        _holds[step] = Comparisons.Holds(op, value, threshold);
        _covered[step] = true;
    }
}
