using Portal.Domain.Tuning;

namespace Portal.Infrastructure.Tuning;

/// <summary>When the tuning page and POST /sweep dare to suggest a threshold (section "TuningAdvice").</summary>
public sealed class TuningAdviceOptions
{
    public const string Section = "TuningAdvice";

    /// <summary>Less time with data than this is too little to advise on.</summary>
    public TimeSpan MinCoverage { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A smaller share of the asked range with data is too little to advise on.</summary>
    public double MinCoverageShare { get; set; } = 0.5;

    /// <summary>Share of the covered time the alert may spend firing at the suggested threshold.</summary>
    public double FiringBudget { get; set; } = 0.02;

    public SweepOptions Sweep(string? severity, double? budget = null) => new()
    {
        Severity = severity,
        Budget = budget,
        MinCoverage = MinCoverage,
        MinCoverageShare = MinCoverageShare,
        FiringBudget = FiringBudget,
    };
}
