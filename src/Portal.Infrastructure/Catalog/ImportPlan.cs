using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record ImportPlan(IReadOnlyList<ImportItem> Items, bool Refused, string? RefusedReason)
{
    public int Count(ImportAction action) => Items.Count(i => i.Action == action);
}
