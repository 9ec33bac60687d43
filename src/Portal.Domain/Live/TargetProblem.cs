namespace Portal.Domain.Live;

/// <summary>A target the alerts could not be read from, and why.</summary>
public sealed record TargetProblem(string Target, string Problem);
