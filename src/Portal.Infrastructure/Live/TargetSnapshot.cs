using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Domain.Live;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Live;

/// <summary>One target's rules as it last answered, matched to the portal's rules; <see cref="Problem"/> set when it could not answer.</summary>
internal sealed record TargetSnapshot(string Target, string? Problem, IReadOnlyList<MatchedRule> Rules, DateTimeOffset At);
