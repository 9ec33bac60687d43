namespace Portal.Domain.RuleFiles;

/// <summary>How the parser should read its input.</summary>
public enum InputFormat
{
    /// <summary>Markdown when the text has fenced code blocks, YAML otherwise.</summary>
    Auto,
    Yaml,
    Markdown,
}

/// <summary>What an expression checker found wrong; positions are 1-based within the expression.</summary>
public sealed record ExpressionProblem(string Message, int? Line = null, int? Column = null);

/// <summary>
/// The checks a rule must pass beyond its shape. PromQL and template syntax belong to other parts of
/// the Domain, so they come in as delegates; by default the PromQL parser and the template renderer check them.
/// </summary>
public sealed record ValidationOptions
{
    public static readonly ValidationOptions Default = new();

    /// <summary>Accepts every expression, for callers that check PromQL elsewhere or not at all.</summary>
    public static readonly ValidationOptions ShapeOnly = new() { CheckExpression = static _ => null, CheckTemplate = static _ => null };

    /// <summary>Returns null when the expression is valid PromQL.</summary>
    public Func<string, ExpressionProblem?> CheckExpression { get; init; } = CheckPromQl;

    private static ExpressionProblem? CheckPromQl(string expression)
    {
        var result = PromQl.PromQlParser.Parse(expression);
        return result.Error is { } error ? new ExpressionProblem(error.Message, error.Position.Line, error.Position.Column) : null;
    }

    /// <summary>Returns null when the text is a valid alert template, else the problem.</summary>
    public Func<string, string?> CheckTemplate { get; init; } = Templates.TemplateRenderer.Problem;
}

/// <summary>Options for <see cref="RuleFileParser.Parse"/>.</summary>
public sealed record ParseOptions
{
    public static readonly ParseOptions Default = new();

    private readonly string _defaultGroupName = "imported";

    /// <summary>
    /// The group that rules written without a group go into (bare lists, single rules, named queries).
    /// Callers pass the file name, so the group tells where the rules came from.
    /// </summary>
    public string DefaultGroupName
    {
        get => _defaultGroupName;
        init => _defaultGroupName = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("The default group name must not be blank.", nameof(DefaultGroupName))
            : value;
    }

    public InputFormat Format { get; init; } = InputFormat.Auto;

    /// <summary>
    /// Judge fields the way promtool does: unknown keys (a <c>severity:</c> beside <c>expr</c>, say) become
    /// errors instead of warnings. Used to predict whether Prometheus would load a file as it is.
    /// </summary>
    public bool Strict { get; init; }

    public ValidationOptions Validation { get; init; } = ValidationOptions.Default;

    /// <summary>
    /// Groups with an interval below this are errors at the interval's line; null accepts any interval
    /// (files already published are read back without it).
    /// </summary>
    public TimeSpan? MinimumGroupInterval { get; init; }

    /// <summary>Options whose default group is named after <paramref name="fileName"/> without its extension.</summary>
    public static ParseOptions ForFile(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return new ParseOptions { DefaultGroupName = string.IsNullOrWhiteSpace(name) ? "imported" : name };
    }
}

/// <summary>Hard limits that keep a hostile or accidental input from tying up the portal.</summary>
public static class ParseLimits
{
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>YAML documents in one input, counting every fenced block of a Markdown document.</summary>
    public const int MaxDocuments = 50;

    /// <summary>Nodes that aliases may add on top of the text itself ("billion laughs" stops here).</summary>
    public const long MaxAliasExpansion = 100_000;

    /// <summary>Nesting depth; rule files need about seven levels, and YAML parsing slows badly on deep nesting.</summary>
    public const int MaxDepth = 64;
}
