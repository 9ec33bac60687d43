using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record ImportRequest(string Text, string Namespace, string? FileName = null, string? Team = null);
