namespace Portal.Domain.Capacity;

/// <summary>
/// One model judged at one moment: its current usage against its limit, the band that puts it in, the forecast
/// and a sentence saying what that means. <see cref="Problem"/> names why a value is missing (query failed, several
/// series, limit not positive) and is shown in the model's card.
/// </summary>
public sealed record CapacityAssessment(
    double? Current,
    double? Limit,
    double? Utilization,
    CapacityBand Band,
    CapacityForecast? Forecast,
    string Recommendation,
    string? Problem = null);
