namespace Portal.Domain.Live;

/// <summary>A rule a target evaluates, with the portal rule it was published as; <see cref="Key"/> is null for rules the portal does not manage.</summary>
public sealed record MatchedRule(string Target, string Group, string File, EvaluatedRule Rule, PublishedRuleKey? Key, PublishedFile? Published);
