namespace Portal.Infrastructure.Runbooks;

public sealed record RunbookRevision(RunbookRevisionInfo Info, IReadOnlyList<string> Tags, string Team, string Body);
