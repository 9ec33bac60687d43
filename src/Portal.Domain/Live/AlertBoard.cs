namespace Portal.Domain.Live;

/// <param name="Groups">The portal's alerts, by severity (critical first) and team.</param>
/// <param name="Unmanaged">Alerts of rules the targets evaluate that the portal did not publish, shown apart.</param>
/// <param name="Total">Alerts that passed the filters, before the display bound.</param>
/// <param name="Cut">Alerts left out by the display bound (the filters narrow them down).</param>
/// <param name="Severities">Every severity among the alerts before filtering, for the filter's choices.</param>
/// <param name="Teams">Every team among the alerts before filtering.</param>
public sealed record AlertBoard(
    IReadOnlyList<AlertGroup> Groups,
    IReadOnlyList<AlertEntry> Unmanaged,
    int Firing,
    int Pending,
    int Total,
    int Cut,
    IReadOnlyList<string> Severities,
    IReadOnlyList<string> Teams,
    IReadOnlyList<TargetProblem> Unavailable,
    DateTimeOffset At)
{
    /// <summary>How many targets were asked; all of them in <see cref="Unavailable"/> means nothing is known.</summary>
    public int TargetCount { get; init; }

    public const string NoSeverity = "no severity";
    public const string NoTeam = "no team";

    public static AlertBoard Empty(DateTimeOffset at) => new([], [], 0, 0, 0, 0, [], [], [], at);

    public IEnumerable<AlertEntry> All => Groups.SelectMany(g => g.Alerts).Concat(Unmanaged);

    /// <summary>
    /// Merges the series every target reports into alerts, filters them and groups the portal's by severity
    /// and team; at most <paramref name="limit"/> alerts are kept (firing and the longest-standing first).
    /// </summary>
    public static AlertBoard Build(
        IEnumerable<MatchedRule> matched,
        IReadOnlyDictionary<PublishedRuleKey, CatalogRule> catalog,
        AlertFilter filter,
        IReadOnlyList<TargetProblem> unavailable,
        DateTimeOffset at,
        int limit = 5_000)
    {
        var merged = Merge(matched, catalog);
        var severities = merged.Select(a => a.Severity ?? NoSeverity).Distinct(StringComparer.Ordinal).OrderBy(SeverityRank).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var teams = merged.Select(a => a.Team ?? NoTeam).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToList();
        var passing = merged.Where(a => Passes(a, filter)).ToList();
        passing.Sort(Urgency);
        var kept = passing.Count > limit ? passing.GetRange(0, limit) : passing;

        var groups = kept.Where(a => a.Managed)
            .GroupBy(a => (Severity: a.Severity ?? NoSeverity, Team: a.Team ?? NoTeam))
            .OrderBy(g => SeverityRank(g.Key.Severity)).ThenBy(g => g.Key.Severity, StringComparer.Ordinal).ThenBy(g => g.Key.Team, StringComparer.Ordinal)
            .Select(g => new AlertGroup(g.Key.Severity, g.Key.Team, g.ToList()))
            .ToList();
        return new AlertBoard(groups, kept.Where(a => !a.Managed).ToList(),
            passing.Count(a => a.State == LiveState.Firing), passing.Count(a => a.State == LiveState.Pending),
            passing.Count, passing.Count - kept.Count, severities, teams, unavailable, at);
    }

    /// <summary>critical, warning, info, then any other value, then none.</summary>
    public static int SeverityRank(string severity) => severity switch
    {
        "critical" or "page" => 0,
        "error" => 1,
        "warning" => 2,
        "info" => 3,
        NoSeverity => 9,
        _ => 5,
    };

    private static int Urgency(AlertEntry a, AlertEntry b)
    {
        var byState = b.State.CompareTo(a.State);
        if (byState != 0)
        {
            return byState;
        }

        var bySince = Nullable.Compare(a.Since, b.Since);
        return bySince != 0 ? bySince : string.CompareOrdinal(a.AlertName, b.AlertName);
    }

    private static bool Passes(AlertEntry alert, AlertFilter filter)
    {
        if (filter.State is { } state && alert.State != state)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(filter.Severity) && (alert.Severity ?? NoSeverity) != filter.Severity)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(filter.Team) && (alert.Team ?? NoTeam) != filter.Team)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(filter.Text))
        {
            return true;
        }

        var text = filter.Text.Trim();
        return alert.AlertName.Contains(text, StringComparison.OrdinalIgnoreCase)
            || alert.Namespace.Contains(text, StringComparison.OrdinalIgnoreCase)
            || (alert.Summary?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
            || alert.Labels.Any(l => l.Value.Contains(text, StringComparison.OrdinalIgnoreCase) || $"{l.Key}={l.Value}".Contains(text, StringComparison.OrdinalIgnoreCase));
    }

    private static List<AlertEntry> Merge(IEnumerable<MatchedRule> matched, IReadOnlyDictionary<PublishedRuleKey, CatalogRule> catalog)
    {
        var byIdentity = new Dictionary<string, AlertEntry>(StringComparer.Ordinal);
        foreach (var match in matched)
        {
            if (match.Rule.Series.Count == 0)
            {
                continue;
            }

            var stored = match.Key is { } key ? catalog.GetValueOrDefault(key) : null;
            // A managed rule is known by its published key on every target; an unmanaged one by file name, group and name.
            var ruleIdentity = match.Key?.ToString() ?? $"?{LiveMatching.FileName(match.File)}/{match.Group}/{match.Rule.Name}";
            foreach (var series in match.Rule.Series)
            {
                if (series.State is not (LiveState.Pending or LiveState.Firing))
                {
                    continue;
                }

                var identity = ruleIdentity + "\n" + LabelText(series.Labels);
                var entry = Entry(match, stored, series);
                byIdentity[identity] = byIdentity.TryGetValue(identity, out var seen) ? Combine(seen, entry) : entry;
            }
        }

        return [.. byIdentity.Values];
    }

    private static AlertEntry Entry(MatchedRule match, CatalogRule? stored, LiveSeries series)
    {
        var severity = series.Labels.GetValueOrDefault("severity") ?? stored?.Severity;
        var team = stored?.Team ?? match.Published?.Team ?? series.Labels.GetValueOrDefault("team");
        var runbook = SafeLink(series.Annotations.GetValueOrDefault("runbook_url")) ?? SafeLink(stored?.Runbook);
        var summary = series.Annotations.GetValueOrDefault("summary") ?? series.Annotations.GetValueOrDefault("description");
        return new AlertEntry(stored?.Id, match.Key?.Namespace ?? LiveMatching.FileName(match.File), match.Group, match.Rule.Name,
            string.IsNullOrEmpty(team) ? null : team, string.IsNullOrEmpty(severity) ? null : severity,
            series.State, series.ActiveAt, series.Value, series.Labels, summary, runbook, [match.Target]);
    }

    /// <summary>The same series on two targets: the state furthest along, since when the earliest target reached it.</summary>
    private static AlertEntry Combine(AlertEntry a, AlertEntry b)
    {
        var targets = a.Targets.Concat(b.Targets).Distinct(StringComparer.Ordinal).ToList();
        if (a.State != b.State)
        {
            return (a.State > b.State ? a : b) with { Targets = targets };
        }

        return (Nullable.Compare(a.Since, b.Since) <= 0 ? a : b) with { Targets = targets };
    }

    private static string LabelText(IReadOnlyDictionary<string, string> labels) =>
        string.Join("\n", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));

    /// <summary>Only absolute http(s) addresses become links: an annotation could hold javascript: or a template that did not render.</summary>
    public static string? SafeLink(string? url) =>
        !string.IsNullOrWhiteSpace(url) && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.ToString()
            : null;
}
