namespace Portal.Infrastructure.Incidents;

public sealed record IncidentRevisionInfo(int Number, DateTimeOffset At, string By, string? Reason, string Title);
