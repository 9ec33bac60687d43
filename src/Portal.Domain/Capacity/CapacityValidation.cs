using Portal.Domain.Catalog;

namespace Portal.Domain.Capacity;

/// <summary>Field-level checks of what a user records, each error naming its field (name, usageQuery, limit, warning, critical, marks, unit, runbookSlug).</summary>
public static class CapacityValidation
{
    // Filled in by the capacity backend work (issue 17).
    public static IReadOnlyList<FieldError> Validate(CapacityModelSpec spec) => [];
}
