using Portal.Domain.Catalog;
using Portal.Domain.Lint;

namespace Portal.Infrastructure.Catalog;

public sealed record RuleListItem(
    Guid Id,
    string Namespace,
    string Group,
    int Position,
    RuleKind Kind,
    string Name,
    string Expression,
    string? Severity,
    bool Enabled,
    int ErrorCount,
    int WarningCount,
    double? FiresPerWeek,
    DateTimeOffset UpdatedAt,
    uint Version);
