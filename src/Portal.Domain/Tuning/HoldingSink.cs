namespace Portal.Domain.Tuning;

/// <summary>
/// Spreads samples onto the steps, marks where the condition held and which steps had any sample, so
/// the samples are read once: at a thousand series they no longer fit a cache, and a second pass for
/// the coverage used to cost as much as the backtest itself.
/// </summary>
internal ref struct HoldingSink<TCompare>(Span<bool> holds, Span<double> values, Span<bool> covered, double threshold) : ISampleSink
    where TCompare : struct, ICompare
{
    private readonly Span<bool> _holds = holds;
    private readonly Span<double> _values = values;
    private readonly Span<bool> _covered = covered;

    public void Add(int step, double value)
    {
        _values[step] = value;
        _holds[step] = TCompare.Holds(value, threshold);
        _covered[step] = true;
    }
}
