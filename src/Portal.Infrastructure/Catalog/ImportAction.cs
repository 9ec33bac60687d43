using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public enum ImportAction
{
    Create,
    Update,
    Unchanged,
    Refuse,
    /// <summary>Not a rule (a config block, a report line about a group).</summary>
    Note,
}
