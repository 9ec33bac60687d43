using Portal.Domain.Publishing;
using Portal.Domain.Reviews;

namespace Portal.Infrastructure.Reviews;

public sealed record ReviewDecisionInfo(long Id, ReviewDecision Decision, string Checksum, string Actor, DateTimeOffset At, string? Comment);
