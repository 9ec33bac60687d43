using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Reviews;

public sealed record ReviewRefusal(ReviewRefusalKind Kind, string Field, string Reason);
