using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Catalog;

/// <summary>An enabled alert as the noise job needs it: its condition split like the tuning page splits it.</summary>
public sealed record NoiseCandidate(
    Guid RuleId, string Name, string Expression, string? Query, string? Operator, double? Threshold,
    TimeSpan For, TimeSpan KeepFiringFor, TimeSpan Interval);
