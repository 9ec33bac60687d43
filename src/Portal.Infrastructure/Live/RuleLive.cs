using Portal.Domain.Catalog;
using Portal.Domain.Live;

namespace Portal.Infrastructure.Live;

/// <param name="Key">The published identity; null when the rule is disabled (so not published).</param>
/// <param name="Live">What the newest release a target holds says of the rule (null: no target holds it), for the "live vs. draft" diff.</param>
/// <param name="SeriesCut">Series left out of <see cref="TargetRuleState.Rule"/> by the per-rule bound, over all targets.</param>
public sealed record RuleLive(
    Guid RuleId,
    PublishedRuleKey? Key,
    LiveState State,
    long? Release,
    RuleContent? Live,
    IReadOnlyList<TargetRuleState> Targets,
    int SeriesCut,
    DateTimeOffset At);
