namespace Portal.Domain.Home;

/// <summary>One team's share of the catalog: active namespaces and their rules, and the namespaces it archived.</summary>
public sealed record TeamCatalog(string Team, int Namespaces, int Rules, int Archived)
{
    /// <summary>Counts per team, most rules first; archived namespaces count apart and their rules not at all (they are not published).</summary>
    public static IReadOnlyList<TeamCatalog> ByTeam(IEnumerable<(string Team, int Rules, bool Archived)> namespaces) =>
        namespaces
            .GroupBy(n => n.Team, StringComparer.Ordinal)
            .Select(g => new TeamCatalog(
                g.Key,
                g.Count(n => !n.Archived),
                g.Where(n => !n.Archived).Sum(n => n.Rules),
                g.Count(n => n.Archived)))
            .OrderByDescending(t => t.Rules)
            .ThenBy(t => t.Team, StringComparer.Ordinal)
            .ToList();
}
