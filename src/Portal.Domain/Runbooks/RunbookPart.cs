namespace Portal.Domain.Runbooks;

/// <summary>Either sanitized HTML (<see cref="Html"/>) or a live PromQL block (<see cref="Live"/>), never both.</summary>
public sealed record RunbookPart(string? Html, LiveBlock? Live);
