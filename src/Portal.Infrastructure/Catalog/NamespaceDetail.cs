using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record NamespaceDetail(NamespaceSummary Namespace, IReadOnlyList<GroupDetail> Groups);
