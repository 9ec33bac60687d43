namespace Portal.Domain.Capacity;

/// <summary>Where a model's utilization stands. <see cref="NoData"/>: the query answered with nothing; <see cref="Error"/>: it failed or was ambiguous.</summary>
public enum CapacityBand
{
    NoData,
    Ok,
    Warning,
    Critical,
    Error,
}
