using Portal.Domain.RuleFiles;

namespace Portal.Domain.Publishing;

/// <summary>One field of a rule that differs: <c>expr</c>, <c>threshold</c>, <c>for</c>, <c>labels.team</c>, <c>annotations.summary</c>, ...</summary>
public sealed record FieldChange(string Field, string? Before, string? After);
