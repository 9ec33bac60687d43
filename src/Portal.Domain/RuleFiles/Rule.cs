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

/// <summary>An alerting rule: fires when <see cref="Rule.Expr"/> has results for at least <see cref="For"/>.</summary>
public sealed record AlertingRule : Rule
{
    private readonly string _alert = "";
    private readonly LabelMap _annotations = LabelMap.Empty;

    public AlertingRule(
        string alert,
        string expr,
        PromDuration? @for = null,
        PromDuration? keepFiringFor = null,
        LabelMap? labels = null,
        LabelMap? annotations = null)
        : base(expr, labels)
    {
        Alert = alert;
        For = @for;
        KeepFiringFor = keepFiringFor;
        Annotations = annotations ?? LabelMap.Empty;
    }

    /// <summary>Any non-empty text: Prometheus puts it in the <c>alertname</c> label value, which may hold anything.</summary>
    public string Alert
    {
        get => _alert;
        init => _alert = Text.RequireNonEmpty(value, "alert name");
    }

    /// <summary>Null when the file did not say; zero when it said <c>0s</c>. Both mean "fire at once".</summary>
    public PromDuration? For { get; init; }

    public PromDuration? KeepFiringFor { get; init; }

    public LabelMap Annotations
    {
        get => _annotations;
        init => _annotations = value ?? throw new ArgumentNullException(nameof(Annotations));
    }

    public override string Name => Alert;
}

/// <summary>A recording rule: stores the result of <see cref="Rule.Expr"/> as the metric <see cref="Record"/>.</summary>
public sealed record RecordingRule : Rule
{
    private readonly string _record = "";

    public RecordingRule(string record, string expr, LabelMap? labels = null)
        : base(expr, labels) => Record = record;

    /// <summary>Non-empty; whether it is a valid metric name is a validation finding, so imports can report it.</summary>
    public string Record
    {
        get => _record;
        init => _record = Text.RequireNonEmpty(value, "recorded metric name");
    }

    public override string Name => Record;
}
