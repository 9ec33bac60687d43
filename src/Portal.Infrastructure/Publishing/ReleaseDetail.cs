using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

public sealed record ReleaseDetail(ReleaseSummary Summary, IReadOnlyList<ReleaseFile> Files, IReadOnlyList<RuleChange> Changes);
