namespace Portal.Domain.Incidents;

/// <summary>One series of a chart snapshot: its labels as Prometheus prints them and its values (NaN where absent).</summary>
public sealed record SnapshotSeries(string Labels, double[] Values);
