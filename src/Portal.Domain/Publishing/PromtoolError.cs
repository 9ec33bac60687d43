namespace Portal.Domain.Publishing;

/// <summary>
/// One error of <c>promtool check rules</c>, in promtool's own words, with what it names: the line and
/// column in the file, and the group and rule (1-based position and name) when the error is about a rule.
/// </summary>
public sealed record PromtoolError(string File, string Message, int? Line, int? Column, string? Group, int? RuleNumber, string? Rule)
{
    public string Where => (Line, Group, Rule) switch
    {
        ({ } line, _, { } rule) => $"line {line}, {Group}/{rule}",
        ({ } line, _, _) => $"line {line}",
        (_, { } group, { } rule) => $"{group}/{rule}",
        _ => File,
    };
}
