using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Caching;

namespace Portal.Infrastructure.Tuning;

/// <summary>What the tuning page asks for: the rule's query over a range, at the rule's evaluation interval.</summary>
public sealed record TuningRequest(string Query, DateTimeOffset Start, DateTimeOffset End, TimeSpan EvaluationInterval, int MaxSeries = 500);
