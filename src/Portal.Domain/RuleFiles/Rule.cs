namespace Portal.Domain.RuleFiles;

/// <summary>
/// One Prometheus rule. The two kinds are separate types so a rule cannot be both an alert and a
/// recording rule, or carry fields Prometheus refuses on its kind (<c>for</c> on a recording rule).
/// </summary>
public abstract record Rule
{
    private readonly string _expr = "";
    private readonly LabelMap _labels = LabelMap.Empty;

    private protected Rule(string expr, LabelMap? labels)
    {
        Expr = expr;
        Labels = labels ?? LabelMap.Empty;
    }

    /// <summary>The alert name or the recorded metric name.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The PromQL expression exactly as written (multi-line text keeps its line breaks). Whether it
    /// parses is for the PromQL parser to say; blank text can never be an expression, so it is refused.
    /// </summary>
    public string Expr
    {
        get => _expr;
        init
        {
            Text.RequireNonEmpty(value, "expression");
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("The expression must not be blank.", nameof(Expr));
            }

            _expr = value;
        }
    }

    public LabelMap Labels
    {
        get => _labels;
        init => _labels = value ?? throw new ArgumentNullException(nameof(Labels));
    }
}
