using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record GroupSummary(Guid Id, Guid NamespaceId, string Namespace, string Name, PromDuration? Interval, int? Limit, int Position, uint Version);
