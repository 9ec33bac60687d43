namespace Portal.Domain.Capacity;

/// <summary>
/// A trend fitted to a model's recent usage. <see cref="SlopePerDay"/> is in the model's unit per day; a null
/// "until" means the line never reaches that level (not growing, or already past it: see <see cref="CapacityAssessment.Band"/>).
/// </summary>
public sealed record CapacityForecast(
    double SlopePerDay,
    bool Growing,
    TimeSpan? UntilWarning,
    TimeSpan? UntilCritical,
    TimeSpan? UntilLimit,
    int PointsUsed)
{
    /// <summary>The fitted line's value at the moment of the forecast, in the model's unit: where the trend starts from.</summary>
    public double? LevelNow { get; init; }
}
