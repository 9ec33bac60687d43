using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public enum RuleSort
{
    Position,
    Name,
    Namespace,
    Severity,
    Findings,
    UpdatedAt,
    /// <summary>By <see cref="RuleListItem.FiresPerWeek"/>; rules not yet measured come last either way.</summary>
    FiresPerWeek,
}
