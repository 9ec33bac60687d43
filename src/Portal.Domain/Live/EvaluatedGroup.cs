namespace Portal.Domain.Live;

/// <param name="File">The path the target loaded the group from.</param>
public sealed record EvaluatedGroup(string Name, string File, IReadOnlyList<EvaluatedRule> Rules);
