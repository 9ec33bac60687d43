using Portal.Domain.Catalog;

namespace Portal.Domain.Incidents;

/// <summary>The severity levels' rules: the starter set, mapping an alert's <c>severity</c> label, validation.</summary>
public static class SeverityLevels
{
    /// <summary>SEV-1 (respond at once), SEV-2 (15 minutes), SEV-3 (1 hour), mapped from critical / warning / info.</summary>
    public static IReadOnlyList<SeverityLevel> Starter => throw new NotImplementedException();

    /// <summary>The level an alert's severity label maps to (case-insensitive); the least grave level when none does.</summary>
    public static SeverityLevel? ForLabel(IReadOnlyList<SeverityLevel> levels, string? labelValue) => throw new NotImplementedException();

    /// <summary>Problems of a whole set: names unique and non-empty, a label value mapped at most once, response time positive.</summary>
    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<SeverityLevel> levels) => throw new NotImplementedException();
}
