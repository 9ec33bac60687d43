using Portal.Domain.Lint;

namespace Portal.Infrastructure.Lint;

/// <summary>Bounds and thresholds of lint against the live Prometheus (section "LiveLint").</summary>
public sealed class LiveLintOptions
{
    public const string Section = "LiveLint";

    /// <summary>"Never seen" means not in this many days.</summary>
    public int LookbackDays { get; set; } = 7;

    public int MaxSelectors { get; set; } = 10;

    public int MaxValueLookups { get; set; } = 5;

    public int SeriesWarning { get; set; } = 1_000;

    public TimeSpan EvaluationWarning { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The whole live pass of one expression; past it the user is told the checks were skipped.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long names, labels and values are reused; /api/v1/rules is reused for a tenth of it.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rules of a namespace linted at once.</summary>
    public int Parallelism { get; set; } = 4;

    public LiveLintLimits Limits => new()
    {
        Lookback = TimeSpan.FromDays(Math.Max(1, LookbackDays)),
        MaxSelectors = Math.Max(1, MaxSelectors),
        MaxValueLookups = Math.Max(0, MaxValueLookups),
        SeriesWarning = SeriesWarning,
        EvaluationWarning = EvaluationWarning,
    };
}
