namespace Portal.Domain.Templates;

/// <summary>A *time.Time as toTime returns it; Prometheus' times are whole milliseconds in UTC.</summary>
internal sealed record GoTime(long UnixMilliseconds) : GoValue("*time.Time");
