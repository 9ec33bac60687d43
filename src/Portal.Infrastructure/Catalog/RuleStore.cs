using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Catalog;

/// <summary>The catalog in PostgreSQL: reads here, writes in RuleStore.Writes.cs, imports in RuleStore.Import.cs.</summary>
// The options are optional so that hosts which assemble the store by hand (tests, benchmarks) get the default floor.
internal sealed partial class RuleStore(
    IDbContextFactory<PortalDbContext> factory, TimeProvider clock, Access.AccessGuard guard, IOptions<RulesOptions>? rulesOptions = null,
    IOptions<Runbooks.PortalUrlOptions>? portalUrl = null, Cluster.IChangeFeed? changes = null) : IRuleStore
{
    private TimeSpan MinimumGroupInterval => rulesOptions?.Value.MinimumGroupInterval ?? GroupIntervals.DefaultMinimum;

    public async Task<IReadOnlyList<NamespaceSummary>> NamespacesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Namespaces.AsNoTracking().OrderBy(n => n.Name).Select(SummaryOf).ToListAsync(ct);
    }

    /// <summary>One namespace as lists and its own page show it; one projection, so both know whether it is archived.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<NamespaceRow, NamespaceSummary>> SummaryOf = n =>
        new NamespaceSummary(n.Id, n.Name, n.Team, n.Groups.Count, n.Groups.SelectMany(g => g.Rules).Count(r => r.DeletedAt == null), n.Version)
        {
            ArchivedAt = n.ArchivedAt,
            ArchivedBy = n.ArchivedBy,
        };

    public async Task<NamespaceDetail?> NamespaceAsync(string name, CancellationToken ct)
    {
        if (!StorableText.IsStorable(name))
        {
            return null;
        }

        // Only this namespace's rows: with hundreds of namespaces, counting every one to return one was the slow part of each call.
        await using var db = await factory.CreateDbContextAsync(ct);
        var summary = await db.Namespaces.AsNoTracking().Where(n => n.Name == name).Select(SummaryOf).FirstOrDefaultAsync(ct);
        if (summary is null)
        {
            return null;
        }

        var groups = await db.Groups.AsNoTracking().Where(g => g.NamespaceId == summary.Id).OrderBy(g => g.Position).ToListAsync(ct);
        var rules = await Live(db).Where(r => r.Group.NamespaceId == summary.Id).OrderBy(r => r.Position).Select(ListItem).ToListAsync(ct);
        return new NamespaceDetail(summary, groups
            .Select(g => new GroupDetail(Summary(g, summary.Name), rules.Where(r => r.Group == g.Name).ToList()))
            .ToList());
    }

    public async Task<IReadOnlyList<GroupChoice>> GroupChoicesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Groups.AsNoTracking()
            .OrderBy(g => g.Namespace.Name).ThenBy(g => g.Position)
            .Select(g => new { g.Id, Namespace = g.Namespace.Name, g.Name, g.Namespace.Team, g.IntervalMs, g.Limit })
            .ToListAsync(ct);
        return rows.Select(g => new GroupChoice(g.Id, g.Namespace, g.Name, g.Team,
            g.IntervalMs is { } ms ? PromDuration.FromMilliseconds(ms) : null, g.Limit)).ToList();
    }

    public async Task<RulePage> ListAsync(RuleQuery query, CancellationToken ct)
    {
        // Nothing stored holds a character PostgreSQL cannot store, so such a filter matches nothing (and must not reach it).
        if (!new[] { query.Namespace, query.Group, query.Severity, query.Text, query.Team }.All(StorableText.IsStorable))
        {
            return new RulePage([], 0);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : "%" + EscapeLike(query.Text.Trim()) + "%";
        var rules = Filtered(Live(text is null ? db.Rules : Matching(db, text)), query);
        var skip = Math.Max(0, query.Skip);
        var take = Math.Clamp(query.Take, 1, 500);

        // Counting every match cost more than the page itself (a full scan of 100,000 rules). Count at most past the
        // cap, or past this page when it lies beyond the cap, so "next" is offered whenever another page exists.
        var limit = RulePage.CountLimit(skip, take);
        var total = await rules.Take(limit).CountAsync(ct);
        if (skip >= total)
        {
            // Nothing on this page (a search that matches nothing above all): the same matching work again would find nothing.
            return new RulePage([], total);
        }

        if (text is not null && total >= CommonMatches && total >= 20L * (skip + take))
        {
            // A common text: walking a sort index and testing each rule finds a page within a few hundred rules, where
            // the trigram scan would fetch and sort every match (10,000 for "disk" among 100,000 rules) first.
            rules = Filtered(Live(db.Rules).Where(r => EF.Functions.ILike(r.Name, text, "\\") || EF.Functions.ILike(r.Expression, text, "\\")), query);
        }

        // Each order ends in the rule's id and matches one of the sort indexes of migration RuleSortKeys column for column,
        // so that a page is an index scan that stops after skip + take rows.
        var ordered = (query.Sort, query.Descending) switch
        {
            (RuleSort.Name, false) => rules.OrderBy(r => r.Name).ThenBy(r => r.Id),
            (RuleSort.Name, true) => rules.OrderByDescending(r => r.Name).ThenByDescending(r => r.Id),
            (RuleSort.Severity, false) => rules.OrderBy(r => r.Severity).ThenBy(r => r.Name).ThenBy(r => r.Id),
            (RuleSort.Severity, true) => rules.OrderByDescending(r => r.Severity).ThenBy(r => r.Name).ThenBy(r => r.Id),
            (RuleSort.Findings, false) => rules.OrderBy(r => r.ErrorCount * 1000 + r.WarningCount).ThenBy(r => r.Name).ThenBy(r => r.Id),
            (RuleSort.Findings, true) => rules.OrderByDescending(r => r.ErrorCount * 1000 + r.WarningCount).ThenBy(r => r.Name).ThenBy(r => r.Id),
            (RuleSort.FiresPerWeek, false) => rules.OrderBy(r => r.FiresPerWeek == null).ThenBy(r => r.FiresPerWeek).ThenBy(r => r.Name).ThenBy(r => r.Id),
            (RuleSort.FiresPerWeek, true) => rules.OrderBy(r => r.FiresPerWeek == null).ThenByDescending(r => r.FiresPerWeek).ThenBy(r => r.Name).ThenBy(r => r.Id),
            (RuleSort.UpdatedAt, false) => rules.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id),
            (RuleSort.UpdatedAt, true) => rules.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id),
            (_, true) => rules.OrderByDescending(r => r.NamespaceName).ThenByDescending(r => r.GroupPosition).ThenByDescending(r => r.GroupId)
                .ThenByDescending(r => r.Position).ThenByDescending(r => r.Id),
            _ => rules.OrderBy(r => r.NamespaceName).ThenBy(r => r.GroupPosition).ThenBy(r => r.GroupId).ThenBy(r => r.Position).ThenBy(r => r.Id),
        };
        var items = await ordered.Skip(skip).Take(take).Select(ListItem).ToListAsync(ct);
        return new RulePage(items, total) { TotalIsLowerBound = total == limit };
    }

    /// <summary>Every filter of the list but the text, which <see cref="ListAsync"/> applies in one of two ways.</summary>
    private static IQueryable<RuleRow> Filtered(IQueryable<RuleRow> rules, RuleQuery query)
    {
        if (!string.IsNullOrEmpty(query.Namespace))
        {
            rules = rules.Where(r => r.Group.Namespace.Name == query.Namespace);
        }

        if (!string.IsNullOrEmpty(query.Group))
        {
            rules = rules.Where(r => r.Group.Name == query.Group);
        }

        if (!string.IsNullOrEmpty(query.Severity))
        {
            rules = rules.Where(r => r.Severity == query.Severity);
        }

        if (query.Kind is { } kind)
        {
            rules = rules.Where(r => r.Kind == kind);
        }

        if (query.HasFindings is { } hasFindings)
        {
            rules = hasFindings ? rules.Where(r => r.ErrorCount + r.WarningCount > 0) : rules.Where(r => r.ErrorCount + r.WarningCount == 0);
        }

        if (!string.IsNullOrEmpty(query.Team))
        {
            rules = rules.Where(r => r.Group.Namespace.Team == query.Team);
        }

        rules = query.LintSeverity switch
        {
            "error" => rules.Where(r => r.ErrorCount > 0),
            "warning" => rules.Where(r => r.WarningCount > 0),
            _ => rules,
        };

        if (query.Ids is { } ids)
        {
            // One array parameter (= ANY), however many ids: the live filter can name thousands.
            var list = ids.ToList();
            rules = query.ExcludeIds ? rules.Where(r => !list.Contains(r.Id)) : rules.Where(r => list.Contains(r.Id));
        }

        return rules;
    }

    /// <summary>How many matches make a text common enough to be tested rule by rule along the sort order.</summary>
    private const int CommonMatches = 2_000;

    /// <summary>
    /// The rules whose name or expression contains the text, found through the trigram indexes and planned on their own
    /// (OFFSET 0 keeps PostgreSQL from folding it into the outer query): its estimate of a rare text's matches is
    /// far too high, and it then walked a sort index filtering 100,000 rules for the 100 that match.
    /// </summary>
    private static IQueryable<RuleRow> Matching(PortalDbContext db, string pattern)
    {
        return db.Rules.FromSql($"SELECT *, xmin FROM rules WHERE name ILIKE {pattern} ESCAPE '\\' OR expression ILIKE {pattern} ESCAPE '\\' OFFSET 0");
    }

    public async Task<RuleDetail?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await Live(db).Include(r => r.Group).ThenInclude(g => g.Namespace).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null)
        {
            return null;
        }

        var slug = row.RunbookId is { } runbook
            ? await db.Runbooks.Where(b => b.Id == runbook && b.DeletedAt == null).Select(b => b.Slug).FirstOrDefaultAsync(ct)
            : null;
        return Detail(row, slug);
    }

    public async Task<IReadOnlyList<RuleVersionInfo>> HistoryAsync(Guid ruleId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.RuleVersions.AsNoTracking().Where(v => v.RuleId == ruleId).OrderByDescending(v => v.Number).ToListAsync(ct);
        return rows.Select(v => new RuleVersionInfo(v.Number, RuleSnapshot.Read(v.Snapshot), v.Actor, v.At, v.Reason)).ToList();
    }

    /// <summary>One version of a rule: what a restore makes current again. Not on <see cref="IRuleStore"/>: no page or endpoint reads a single version.</summary>
    private async Task<RuleVersionInfo?> VersionAsync(Guid ruleId, int number, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var v = await db.RuleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.RuleId == ruleId && v.Number == number, ct);
        return v is null ? null : new RuleVersionInfo(v.Number, RuleSnapshot.Read(v.Snapshot), v.Actor, v.At, v.Reason);
    }

    public async Task<IReadOnlyList<ThresholdChange>> ThresholdHistoryAsync(Guid ruleId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ThresholdChanges.AsNoTracking().Where(c => c.RuleId == ruleId).OrderByDescending(c => c.At)
            .Select(c => new ThresholdChange(c.Old, c.New, c.Operator, c.Actor, c.At, c.Reason, c.ExpectedAlertsPerWeek))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<NamespaceExport>> ExportAsync(string? @namespace, CancellationToken ct)
    {
        if (!StorableText.IsStorable(@namespace))
        {
            return [];
        }

        // Publishing reads this on every release: only the columns a rule file needs, in one flat query, instead
        // of whole rows of three tables (search columns, counters and history fields included).
        await using var db = await factory.CreateDbContextAsync(ct);
        var namespaces = await db.Namespaces.AsNoTracking()
            // Archived namespaces are not published: their file goes with the next release, as a deleted one's does.
            .Where(n => n.ArchivedAt == null && (@namespace == null || n.Name == @namespace))
            .OrderBy(n => n.Name)
            .Select(n => new { n.Name, n.Team })
            .ToListAsync(ct);
        var rules = await db.Rules.AsNoTracking()
            .Where(r => r.DeletedAt == null && r.Enabled && r.Group.Namespace.ArchivedAt == null && (@namespace == null || r.Group.Namespace.Name == @namespace))
            .OrderBy(r => r.Group.Namespace.Name).ThenBy(r => r.Group.Position).ThenBy(r => r.GroupId).ThenBy(r => r.Position)
            .Select(r => new
            {
                Namespace = r.Group.Namespace.Name,
                r.GroupId,
                Group = r.Group.Name,
                r.Group.IntervalMs,
                r.Group.Limit,
                Runbook = db.Runbooks.Where(b => b.Id == r.RunbookId && b.DeletedAt == null).Select(b => b.Slug).FirstOrDefault(),
                Rule = new RuleRow
                {
                    Kind = r.Kind, Name = r.Name, ExprHead = r.ExprHead, ThresholdText = r.ThresholdText, ExprTail = r.ExprTail,
                    ForMs = r.ForMs, KeepFiringForMs = r.KeepFiringForMs, Labels = r.Labels, Annotations = r.Annotations,
                },
            })
            .ToListAsync(ct);
        var byNamespace = rules.GroupBy(r => r.Namespace, StringComparer.Ordinal).ToDictionary(g => g.Key, StringComparer.Ordinal);
        return namespaces.Select(n => new NamespaceExport(n.Name, new RuleFile(byNamespace.TryGetValue(n.Name, out var own)
                ? own.GroupBy(r => r.GroupId).Select(g => new RuleGroup(g.First().Group,
                    g.Select(r => WithRunbookUrl(r.Rule.ToContent(), r.Runbook).ToRule()),
                    g.First().IntervalMs is { } ms ? PromDuration.FromMilliseconds(ms) : null, g.First().Limit))
                : []), n.Team))
            .ToList();
    }

    /// <summary>
    /// A linked runbook becomes the rule's <c>runbook_url</c> as Prometheus gets it, unless the rule carries its own URL
    /// or the portal does not know its public address (Portal:PublicUrl).
    /// </summary>
    private RuleContent WithRunbookUrl(RuleContent content, string? slug) =>
        slug is null || content.Kind != RuleKind.Alerting || content.Annotations.ContainsKey("runbook_url") || Domain.Runbooks.RunbookLinks.UrlOf(PublicUrl, slug) is not { } url
            ? content
            : content with { Annotations = content.Annotations.With("runbook_url", url) };

    private string? PublicUrl => portalUrl?.Value.PublicUrl;

    // The namespace filter spelled out: a deleted namespace's rules are not deleted themselves, and its name may be taken again.
    private static IQueryable<RuleRow> Live(PortalDbContext db) => Live(db.Rules);

    private static IQueryable<RuleRow> Live(IQueryable<RuleRow> rules) =>
        rules.AsNoTracking().Where(r => r.DeletedAt == null && r.Group.Namespace.DeletedAt == null);

    private static readonly System.Linq.Expressions.Expression<Func<RuleRow, RuleListItem>> ListItem = r => new RuleListItem(
        r.Id, r.Group.Namespace.Name, r.Group.Name, r.Position, r.Kind, r.Name, r.Expression, r.Severity, r.Enabled,
        r.ErrorCount, r.WarningCount, r.FiresPerWeek, r.UpdatedAt, r.Version);

    private static GroupSummary Summary(GroupRow g, string @namespace) =>
        new(g.Id, g.NamespaceId, @namespace, g.Name, g.Interval, g.Limit, g.Position, g.Version);

    private static RuleDetail Detail(RuleRow row, string? runbookSlug = null)
    {
        var content = row.ToContent();
        return new RuleDetail(row.Id, row.GroupId, row.Group.Namespace.Name, row.Group.Name, row.Position, content,
            RuleLinter.Lint(content.ToLintRule() with { RunbookLinked = row.RunbookId is not null }), row.VersionNumber, row.UpdatedAt, row.UpdatedBy, row.Version)
        {
            RunbookId = row.RunbookId,
            RunbookSlug = runbookSlug,
            Team = row.Group.Namespace.Team,
            Archived = row.Group.Namespace.ArchivedAt is not null,
        };
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
