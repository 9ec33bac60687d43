namespace Portal.Domain.Live;

/// <summary>The Alerts page's filters; all optional, combined with AND. <see cref="Text"/> matches name, labels and summary.</summary>
public sealed record AlertFilter(LiveState? State = null, string? Severity = null, string? Team = null, string? Text = null);
