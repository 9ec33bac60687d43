using Portal.Domain.RuleFiles;

namespace Portal.Domain.Tuning;

/// <summary>One value of a series at one time, in Unix milliseconds.</summary>
public readonly record struct Sample(long TimestampMs, double Value);
