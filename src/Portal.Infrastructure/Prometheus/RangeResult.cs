namespace Portal.Infrastructure.Prometheus;

public sealed record RangeResult(IReadOnlyList<RangeSeries> Series, int TotalSeries)
{
    /// <summary>How many series were cut to stay under the series limit; the user is told.</summary>
    public int CutSeries => TotalSeries - Series.Count;
}
