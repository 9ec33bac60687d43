namespace Portal.Domain.RuleFiles;

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
