namespace Portal.Domain.Tuning;

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
