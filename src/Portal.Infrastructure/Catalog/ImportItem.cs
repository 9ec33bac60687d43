using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record ImportItem(ImportAction Action, string Kind, string Name, string Group, int Line, string Reason);
