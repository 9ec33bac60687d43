using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <param name="Team">The owning team.</param>
public sealed record NamespaceExport(string Namespace, RuleFile File, string Team = "");
