using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>A timeline entry someone adds; <see cref="At"/> defaults to now. Only the six written kinds are accepted.</summary>
public sealed record TimelineEdit(TimelineKind Kind, string Text, DateTimeOffset? At = null);
