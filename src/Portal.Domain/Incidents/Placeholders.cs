using Portal.Domain.Catalog;

namespace Portal.Domain.Incidents;

/// <summary>
/// The <c>{{name}}</c> placeholders of incident templates: <c>alert.name</c>, <c>alert.labels.&lt;label&gt;</c>,
/// <c>alert.value</c>, <c>alert.startsAt</c>, <c>rule.expr</c>, <c>rule.threshold</c>, <c>rule.for</c>,
/// <c>runbook.url</c>, <c>severity</c>, <c>incident.timeline</c>, <c>incident.actions</c>, <c>now</c>.
/// Deliberately not a template language: no logic, so a template cannot loop or fail at render time.
/// </summary>
public static class Placeholders
{
    /// <summary>The problems of a template body, each naming the unknown placeholder with its line and column.</summary>
    public static IReadOnlyList<FieldError> Validate(string body) => throw new NotImplementedException();

    /// <summary>The body with every placeholder filled; a value that is not known (no alert, no rule) reads as a visible gap.</summary>
    public static string Render(string body, PlaceholderContext context) => throw new NotImplementedException();
}
