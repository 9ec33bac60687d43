namespace Portal.Domain.Live;

/// <summary>
/// A rule as the portal published it: namespace (its file), group, name, and which rule of that name in
/// the group (names repeat: one alert per severity is common). Stable across targets and releases.
/// </summary>
public sealed record PublishedRuleKey(string Namespace, string Group, string Name, int Occurrence)
{
    public override string ToString() => Occurrence == 1 ? $"{Namespace}/{Group}/{Name}" : $"{Namespace}/{Group}/{Name}#{Occurrence}";
}
