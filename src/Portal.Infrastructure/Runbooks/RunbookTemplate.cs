namespace Portal.Infrastructure.Runbooks;

public sealed record RunbookTemplate(string Name, string Description, string Body, DateTimeOffset UpdatedAt = default, string UpdatedBy = "");
