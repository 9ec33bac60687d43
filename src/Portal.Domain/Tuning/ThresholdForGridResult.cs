namespace Portal.Domain.Tuning;

/// <summary>
/// Alerts per week and detection delay at every threshold × <c>for</c>. <see cref="Rows"/> holds one row
/// per <c>for</c> (same order as <see cref="Fors"/>), each with one cell per threshold (ascending).
/// </summary>
public sealed record ThresholdForGridResult(IReadOnlyList<double> Thresholds, IReadOnlyList<TimeSpan> Fors, IReadOnlyList<IReadOnlyList<GridCell>> Rows, Coverage Coverage)
{
    public GridCell Cell(int forIndex, int thresholdIndex) => Rows[forIndex][thresholdIndex];
}
