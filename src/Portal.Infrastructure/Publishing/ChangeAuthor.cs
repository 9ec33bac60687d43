using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <summary>Who changed a rule since the current release (from the catalog's versions).</summary>
public sealed record ChangeAuthor(string Namespace, string Rule, int Version, string Actor, DateTimeOffset At, string? Reason);
