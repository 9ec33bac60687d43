namespace Portal.Domain.Runbooks;

/// <summary>A fenced <c>promql</c> block: the query, the range its chart covers (an hour unless the fence names one), and its line in the Markdown.</summary>
public sealed record LiveBlock(string Query, TimeSpan Range, int Line);
