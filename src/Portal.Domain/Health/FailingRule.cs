namespace Portal.Domain.Health;

/// <summary>A rule whose last evaluation failed on one server, with the catalog rule it was published as when there is one.</summary>
/// <param name="Occurrence">Which rule of this name in the group it is (names repeat), so two failing twins keep apart.</param>
public sealed record FailingRule(
    string Server,
    string Group,
    string File,
    string Name,
    int Occurrence,
    string Error,
    DateTimeOffset? LastEvaluation,
    Guid? CatalogRuleId)
{
    public string Key => $"{Server}\u001f{File}\u001f{Group}\u001f{Name}\u001f{Occurrence}";
}
