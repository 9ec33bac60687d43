namespace Portal.Domain.PromQl;

/// <summary>Where an `@` modifier pins evaluation: a fixed timestamp, or the query's start or end.</summary>
public sealed record AtModifier(double? Timestamp, TokenKind? Preprocessor);
