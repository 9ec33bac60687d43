namespace Portal.Domain.Incidents;

/// <summary>
/// The rule's query over the incident window (with margins), kept as data points in the incident so the writeup stays
/// readable after Prometheus' retention has dropped them. Point <c>i</c> of every series is at <c>StartMs + i * StepMs</c>.
/// Bounded: at most <see cref="MaxSeries"/> series of <see cref="MaxPoints"/> points.
/// </summary>
public sealed record ChartSnapshot(
    string Query,
    long StartMs,
    long StepMs,
    IReadOnlyList<SnapshotSeries> Series,
    double? Threshold,
    string? Operator,
    DateTimeOffset TakenAt)
{
    public const int MaxSeries = 20;
    public const int MaxPoints = 720;

    /// <summary>Series left out beyond <see cref="MaxSeries"/>, said under the chart.</summary>
    public int CutSeries { get; init; }
}
