namespace Portal.Domain.RuleFiles;

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
