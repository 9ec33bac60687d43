namespace Portal.Domain.Runbooks;

public sealed record TocEntry(int Level, string Text, string Anchor);
