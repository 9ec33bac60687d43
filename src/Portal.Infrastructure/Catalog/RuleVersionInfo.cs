using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record RuleVersionInfo(int Number, RuleContent Content, string Actor, DateTimeOffset At, string? Reason);
