namespace Portal.Domain.Templates;

/// <summary>
/// How much work one template may cost. Prometheus sets no such bound, so a few hundred bytes of
/// {{define}}/{{template}} can expand to gigabytes; the portal refuses such a template instead of
/// rendering it (see docs/decisions/0019-template-budgets-and-interval-floor.md).
/// </summary>
public sealed record TemplateLimits
{
    /// <summary>Characters one rendering may produce, and the longest value it may compute on the way.</summary>
    public const int DefaultOutputCharacters = 65_536;

    /// <summary>Nodes evaluated, commands and function calls run, range iterations and template calls.</summary>
    public const int DefaultSteps = 100_000;

    /// <summary>Characters of template text the parser reads at all.</summary>
    public const int DefaultSourceCharacters = 65_536;

    /// <summary>Nested control structures, parentheses and template calls.</summary>
    public const int DefaultNestingDepth = 256;

    /// <summary>Characters one rendering may produce; a larger intermediate value is refused too.</summary>
    public int OutputCharacters { get; init; } = DefaultOutputCharacters;

    /// <summary>Evaluation steps one rendering may take.</summary>
    public int Steps { get; init; } = DefaultSteps;

    /// <summary>Longest template text that is parsed.</summary>
    public int SourceCharacters { get; init; } = DefaultSourceCharacters;

    /// <summary>Deepest nesting the parser and the evaluator follow.</summary>
    public int NestingDepth { get; init; } = DefaultNestingDepth;

    /// <summary>The limits every caller gets unless it passes tighter ones.</summary>
    public static TemplateLimits Default { get; } = new();
}
