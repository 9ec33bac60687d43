using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Features.Rules;

/// <summary>
/// What the editor's fields hold, including what a <see cref="RuleContent"/> cannot: duration text that
/// does not parse yet, a label row without a name, a name typed twice. <see cref="Build"/> turns it into
/// content plus every problem, each under the field name the editor shows it at.
/// </summary>
public sealed class RuleForm
{
    public RuleKind Kind { get; set; } = RuleKind.Alerting;

    public string Name { get; set; } = "";

    public string Expression { get; set; } = "";

    public string For { get; set; } = "";

    public string KeepFiringFor { get; set; } = "";

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; set; } = [];

    public bool Enabled { get; set; } = true;

    public static RuleForm From(RuleContent content) => new()
    {
        Kind = content.Kind,
        Name = content.Name,
        Expression = content.Expression,
        For = content.For?.ToString() ?? "",
        KeepFiringFor = content.KeepFiringFor?.ToString() ?? "",
        Labels = [.. content.Labels],
        Annotations = [.. content.Annotations],
        Enabled = content.Enabled,
    };

    /// <summary>A new alert starts with what lint asks every alert for, ready to fill in.</summary>
    public static RuleForm NewAlert() => new()
    {
        Labels = [new("severity", "warning")],
        Annotations = [new("summary", ""), new("description", ""), new("runbook_url", "")],
    };

    public RuleForm Copy() => (RuleForm)MemberwiseClone();

    /// <summary>Whether the fields hold exactly the same text: what "unsaved changes" means.</summary>
    public bool SameAs(RuleForm other) =>
        Kind == other.Kind && Name == other.Name && Expression == other.Expression && For == other.For
        && KeepFiringFor == other.KeepFiringFor && Enabled == other.Enabled
        && Labels.SequenceEqual(other.Labels) && Annotations.SequenceEqual(other.Annotations);

    /// <summary>
    /// The content as far as it can be read (a bad duration counts as none, a repeated name keeps its first
    /// value) and every problem: the form's own and those of <see cref="RuleContent.Validate"/>.
    /// </summary>
    public (RuleContent Content, IReadOnlyList<FieldError> Errors) Build()
    {
        var errors = new List<FieldError>();
        var alerting = Kind == RuleKind.Alerting;
        var @for = alerting ? Duration("for", For, errors) : null;
        var keepFiringFor = alerting ? Duration("keep_firing_for", KeepFiringFor, errors) : null;
        var labels = Map("labels", Labels, errors);
        var annotations = alerting ? Map("annotations", Annotations, errors) : LabelMap.Empty;
        var content = new RuleContent(Kind, Name.Trim(), Expression, @for, keepFiringFor, labels, annotations, Enabled);
        errors.AddRange(content.Validate().Where(e => !errors.Any(mine => mine.Field == e.Field)));
        return (content, errors);
    }

    private static PromDuration? Duration(string field, string text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (PromDuration.TryParse(text.Trim(), out var duration, out var error))
        {
            return duration;
        }

        errors.Add(new FieldError(field, error));
        return null;
    }

    private static LabelMap Map(string field, IReadOnlyList<KeyValuePair<string, string>> rows, List<FieldError> errors)
    {
        var kept = new List<KeyValuePair<string, string>>();
        foreach (var (rawName, value) in rows)
        {
            var name = rawName.Trim();
            if (name.Length == 0)
            {
                if (value.Length > 0)
                {
                    errors.Add(new FieldError($"{field}.", "This value needs a name."));
                }

                continue;
            }

            if (kept.Any(k => k.Key == name))
            {
                if (!errors.Any(e => e.Field == $"{field}.{name}"))
                {
                    errors.Add(new FieldError($"{field}.{name}", $"\"{name}\" appears more than once."));
                }

                continue;
            }

            kept.Add(new(name, value));
        }

        return LabelMap.From(kept);
    }
}
