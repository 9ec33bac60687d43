namespace Portal.Domain.Capacity;

/// <summary>A named line on a model's chart at a fraction of its limit, such as "autoscale" at 0.75 or "cliff" at 0.9.</summary>
public sealed record CapacityMark(string Name, double Fraction);
