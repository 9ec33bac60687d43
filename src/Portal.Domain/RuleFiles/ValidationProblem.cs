namespace Portal.Domain.RuleFiles;

/// <summary>One finding of <see cref="RuleFileValidator"/>; <see cref="RuleIndex"/> is 0-based within the group, null for the group itself.</summary>
public sealed record ValidationProblem(string Group, int? RuleIndex, string? RuleName, ProblemSeverity Severity, string Reason);
