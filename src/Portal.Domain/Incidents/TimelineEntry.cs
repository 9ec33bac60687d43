namespace Portal.Domain.Incidents;

/// <summary>One line of an incident's timeline. <paramref name="Automatic"/> entries came from <c>ALERTS</c> and may be removed.</summary>
/// <param name="By">Who wrote it; null for an automatic entry.</param>
public sealed record TimelineEntry(Guid Id, DateTimeOffset At, TimelineKind Kind, string Text, bool Automatic, string? By);
