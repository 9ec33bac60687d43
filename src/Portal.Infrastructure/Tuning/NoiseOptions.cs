namespace Portal.Infrastructure.Tuning;

public sealed class NoiseOptions
{
    public const string Section = "Noise";

    /// <summary>How often every enabled alert is backtested over the last week; zero turns the job off.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromHours(6);

    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan Range { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Rules backtested at the same time; each is one range query against Prometheus.</summary>
    public int Concurrency { get; set; } = 2;
}
