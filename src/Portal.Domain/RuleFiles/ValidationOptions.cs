namespace Portal.Domain.RuleFiles;

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
