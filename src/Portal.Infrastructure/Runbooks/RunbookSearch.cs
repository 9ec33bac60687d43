namespace Portal.Infrastructure.Runbooks;

public sealed record RunbookSearch(string Text, string? Tag = null, string? Team = null, int Limit = 50);
