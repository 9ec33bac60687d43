namespace Portal.Domain.Tuning;

/// <summary>Quantiles of all finite sample values in the range (Prometheus' <c>quantile</c> interpolation).</summary>
public sealed record ValueQuantiles(long Count, double Min, double P50, double P90, double P99, double P999, double Max);
