using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>
/// What starting an incident needs: a title (or one made from the alert), a severity level's name (or the one the alert's
/// <c>severity</c> label maps to), a template key, and where it comes from — a rule, a firing alert's labels (with
/// <c>alertname</c>), both, or neither (blank).
/// </summary>
public sealed record IncidentStart(
    string? Title,
    string? Severity,
    string TemplateKey,
    Guid? RuleId,
    IReadOnlyDictionary<string, string>? AlertLabels,
    DateTimeOffset? StartedAt = null);
