using Portal.Domain.RuleFiles;

namespace Portal.Domain.Publishing;

public enum RuleChangeKind
{
    Added,
    Removed,
    Changed,
}
