namespace Portal.Infrastructure.Runbooks;

/// <summary>A search result. <see cref="Snippet"/> is plain text with the matches between the markers of <see cref="Portal.Domain.Runbooks.SearchSnippet"/>, never HTML.</summary>
public sealed record RunbookHit(string Slug, string Title, IReadOnlyList<string> Tags, string Team, string Snippet, double Rank);
