using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record RulePage(IReadOnlyList<RuleListItem> Items, int Total);
