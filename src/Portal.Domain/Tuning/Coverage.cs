namespace Portal.Domain.Tuning;

/// <summary>
/// How much of the range had data: evaluations at which at least one series had a sample, each standing
/// for one interval. Rates are divided by this, not by the range asked for: twenty minutes of samples in
/// a seven-day range say nothing about the other 6.98 days, and dividing by them would make any rule look quiet.
/// </summary>
public sealed record Coverage(double SecondsWithData, double SecondsAsked)
{
    public double Share => SecondsAsked > 0 ? SecondsWithData / SecondsAsked : 0;

    public TimeSpan WithData => TimeSpan.FromSeconds(SecondsWithData);

    public TimeSpan Asked => TimeSpan.FromSeconds(SecondsAsked);
}
