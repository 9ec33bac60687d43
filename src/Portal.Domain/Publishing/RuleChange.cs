using Portal.Domain.RuleFiles;

namespace Portal.Domain.Publishing;

/// <summary>
/// A rule that differs between two releases. <see cref="Rule"/> is the alert or recorded name; a warning
/// and a critical alert of the same name are told apart by <see cref="Severity"/>.
/// </summary>
public sealed record RuleChange(string Namespace, string Group, string Rule, string? Severity, RuleChangeKind Kind, IReadOnlyList<FieldChange> Fields)
{
    public string Title => Severity is null ? $"{Namespace}/{Group}/{Rule}" : $"{Namespace}/{Group}/{Rule} ({Severity})";
}
