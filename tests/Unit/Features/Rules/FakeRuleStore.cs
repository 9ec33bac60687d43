using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>
/// An in-memory <see cref="IRuleStore"/> for component tests: enough behaviour to be believable (versions,
/// conflicts on a stale row version, unchanged saves, import plans) and a log of what pages asked for.
/// Tests can replace the answer to the next save with <see cref="NextSave"/>.
/// </summary>
internal sealed class FakeRuleStore : IRuleStore
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly List<NamespaceRow> _namespaces = [];
    private readonly List<GroupRow> _groups = [];
    private readonly List<RuleRow> _rules = [];
    private uint _nextVersion = 100;

    public List<RuleQuery> Queries { get; } = [];

    public List<RuleEdit> Saves { get; } = [];

    public List<(ImportRequest Request, string Actor)> Imports { get; } = [];

    public List<ImportRequest> Plans { get; } = [];

    public List<(Guid Id, Guid Group, int Position)> Moves { get; } = [];

    /// <summary>When set, answers the next <see cref="SaveAsync"/> instead of the fake's own logic (and is cleared).</summary>
    public Func<RuleEdit, StoreResult<RuleDetail>>? NextSave { get; set; }

    /// <summary>When set, every plan and import answers with this plan.</summary>
    public ImportPlan? FixedPlan { get; set; }

    /// <summary>When set, imports throw it, as a store whose database went away would.</summary>
    public Exception? ImportFailure { get; set; }

    public Guid AddNamespace(string name, string team = "")
    {
        var row = new NamespaceRow(Guid.NewGuid(), name, team);
        _namespaces.Add(row);
        return row.Id;
    }

    public Guid AddGroup(string @namespace, string name, PromDuration? interval = null)
    {
        if (_namespaces.All(n => n.Name != @namespace))
        {
            AddNamespace(@namespace);
        }

        var ns = _namespaces.Single(n => n.Name == @namespace);
        var row = new GroupRow(Guid.NewGuid(), ns.Id, name) { Interval = interval, Position = _groups.Count(g => g.NamespaceId == ns.Id), Version = _nextVersion++ };
        _groups.Add(row);
        return row.Id;
    }

    public Guid AddRule(Guid groupId, RuleContent content, string actor = "alice")
    {
        var row = new RuleRow(Guid.NewGuid(), groupId) { Position = _rules.Count(r => r.GroupId == groupId) };
        Write(row, content, actor, "imported");
        _rules.Add(row);
        return row.Id;
    }

    public static RuleContent Alert(string name, string expr, string severity = "warning", string? @for = "5m") => new(
        RuleKind.Alerting, name, expr, @for is null ? null : PromDuration.Parse(@for), null,
        LabelMap.Of(("severity", severity)),
        LabelMap.Of(("summary", "{{ $labels.instance }} needs attention"), ("runbook_url", "/runbooks/" + name.ToLowerInvariant())));

    /// <summary>Someone else saves the rule: its row version moves on, so the page's copy is stale.</summary>
    public RuleDetail ChangeBehindTheScenes(Guid id, Func<RuleContent, RuleContent> change, string actor = "bob")
    {
        var row = _rules.Single(r => r.Id == id);
        Write(row, change(row.Content), actor, "changed elsewhere");
        return Detail(row);
    }

    public Task<IReadOnlyList<NamespaceSummary>> NamespacesAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<NamespaceSummary>>(_namespaces.Select(Summary).ToList());

    public Task<NamespaceDetail?> NamespaceAsync(string name, CancellationToken ct)
    {
        var ns = _namespaces.FirstOrDefault(n => n.Name == name);
        return Task.FromResult(ns is null ? null : new NamespaceDetail(Summary(ns), _groups.Where(g => g.NamespaceId == ns.Id).OrderBy(g => g.Position)
            .Select(g => new GroupDetail(GroupSummary(g), Live().Where(r => r.GroupId == g.Id).OrderBy(r => r.Position).Select(Item).ToList())).ToList()));
    }

    /// <summary>How often pages asked for the group choices (the editor asks once per new rule).</summary>
    public int GroupChoiceCalls { get; private set; }

    public Task<IReadOnlyList<GroupChoice>> GroupChoicesAsync(CancellationToken ct)
    {
        GroupChoiceCalls++;
        return Task.FromResult<IReadOnlyList<GroupChoice>>(_groups
            .Select(g => (Group: g, Namespace: _namespaces.Single(n => n.Id == g.NamespaceId)))
            .OrderBy(c => c.Namespace.Name, StringComparer.Ordinal).ThenBy(c => c.Group.Position)
            .Select(c => new GroupChoice(c.Group.Id, c.Namespace.Name, c.Group.Name, c.Namespace.Team, c.Group.Interval, c.Group.Limit))
            .ToList());
    }

    public Task<StoreResult<NamespaceSummary>> CreateNamespaceAsync(string name, string team, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        AddNamespace(name, team);
        return Task.FromResult(StoreResult<NamespaceSummary>.Ok(Summary(_namespaces[^1])));
    }

    public Task<StoreResult<GroupSummary>> SaveGroupAsync(GroupEdit edit, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        if (edit.Id is null)
        {
            var id = AddGroup(_namespaces.Single(n => n.Id == edit.NamespaceId).Name, edit.Name, edit.Interval);
            return Task.FromResult(StoreResult<GroupSummary>.Ok(GroupSummary(_groups.Single(g => g.Id == id))));
        }

        var row = _groups.Single(g => g.Id == edit.Id);
        if (row.Version != edit.Version)
        {
            return Task.FromResult(StoreResult<GroupSummary>.Conflict(null));
        }

        (row.Name, row.Interval, row.Limit, row.Version) = (edit.Name, edit.Interval, edit.Limit, _nextVersion++);
        return Task.FromResult(StoreResult<GroupSummary>.Ok(GroupSummary(row)));
    }

    /// <summary>Where counting stops, as in the real store (RulePage.CountCap); tests of paging past it lower it.</summary>
    public int CountCap { get; set; } = RulePage.CountCap;

    public Task<RulePage> ListAsync(RuleQuery query, CancellationToken ct)
    {
        Queries.Add(query);
        // The same filters as the real store (the contract suite holds both to them): empty text filters nothing,
        // text matches name or expression ignoring case, ids come from the live-state filter.
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        var rows = Live().Select(Item).Where(i =>
            (query.Namespace is null || i.Namespace == query.Namespace)
            && (query.Group is null || i.Group == query.Group)
            && (string.IsNullOrEmpty(query.Severity) || i.Severity == query.Severity)
            && (query.Kind is null || i.Kind == query.Kind)
            && (text is null || i.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || i.Expression.Contains(text, StringComparison.OrdinalIgnoreCase))
            && (query.HasFindings is null || (i.ErrorCount + i.WarningCount > 0) == query.HasFindings)
            && (string.IsNullOrEmpty(query.Team) || _namespaces.Single(n => n.Name == i.Namespace).Team == query.Team)
            && (query.LintSeverity switch { "error" => i.ErrorCount > 0, "warning" => i.WarningCount > 0, _ => true })
            && (query.Ids is null || query.Ids.Contains(i.Id) != query.ExcludeIds));
        rows = query.Sort switch
        {
            RuleSort.Name => rows.OrderBy(i => i.Name, StringComparer.Ordinal),
            RuleSort.Findings => rows.OrderBy(i => i.ErrorCount).ThenBy(i => i.WarningCount),
            _ => rows.OrderBy(i => i.Namespace).ThenBy(i => GroupPosition(i)).ThenBy(i => i.Position),
        };
        var all = query.Descending ? rows.Reverse().ToList() : rows.ToList();
        var limit = RulePage.CountLimit(query.Skip, query.Take, CountCap);
        return Task.FromResult(new RulePage(all.Skip(query.Skip).Take(query.Take).ToList(), Math.Min(all.Count, limit)) { TotalIsLowerBound = all.Count >= limit });
    }

    public Task<RuleDetail?> GetAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(Live().FirstOrDefault(r => r.Id == id) is { } row ? Detail(row) : null);

    public Task<StoreResult<RuleDetail>> SaveAsync(RuleEdit edit, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        Saves.Add(edit);
        if (NextSave is { } answer)
        {
            NextSave = null;
            return Task.FromResult(answer(edit));
        }

        if (edit.Content.Validate() is { Count: > 0 } errors)
        {
            return Task.FromResult(StoreResult<RuleDetail>.Invalid(errors));
        }

        if (_groups.All(g => g.Id != edit.GroupId))
        {
            return Task.FromResult(StoreResult<RuleDetail>.NotFound("group"));
        }

        if (edit.Id is null)
        {
            var id = AddRule(edit.GroupId, edit.Content, actor);
            return Task.FromResult(StoreResult<RuleDetail>.Ok(Detail(_rules.Single(r => r.Id == id))));
        }

        var row = Live().FirstOrDefault(r => r.Id == edit.Id);
        if (row is null)
        {
            return Task.FromResult(StoreResult<RuleDetail>.NotFound("rule"));
        }

        if (row.Version != edit.Version)
        {
            return Task.FromResult(StoreResult<RuleDetail>.Conflict(Detail(row)));
        }

        if (row.Content == edit.Content)
        {
            return Task.FromResult(StoreResult<RuleDetail>.Ok(Detail(row), changed: false));
        }

        Write(row, edit.Content, actor, edit.Reason);
        return Task.FromResult(StoreResult<RuleDetail>.Ok(Detail(row)));
    }

    public Task<StoreResult<bool>> DeleteAsync(Guid id, uint version, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        var row = Live().FirstOrDefault(r => r.Id == id);
        if (row is null)
        {
            return Task.FromResult(StoreResult<bool>.NotFound("rule"));
        }

        if (row.Version != version)
        {
            return Task.FromResult(StoreResult<bool>.Conflict(Detail(row)));
        }

        row.Deleted = true;
        return Task.FromResult(StoreResult<bool>.Ok(true));
    }

    public Task<StoreResult<RuleDetail>> MoveAsync(Guid id, uint version, Guid groupId, int position, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        Moves.Add((id, groupId, position));
        var row = _rules.Single(r => r.Id == id);
        var siblings = Live().Where(r => r.GroupId == groupId && r.Id != id).OrderBy(r => r.Position).ToList();
        siblings.Insert(Math.Clamp(position, 0, siblings.Count), row);
        row.GroupId = groupId;
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].Position = i;
        }

        return Task.FromResult(StoreResult<RuleDetail>.Ok(Detail(row)));
    }

    public Task<IReadOnlyList<RuleVersionInfo>> HistoryAsync(Guid ruleId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RuleVersionInfo>>(_rules.Single(r => r.Id == ruleId).Versions.ToList());

    public Task<StoreResult<RuleDetail>> RestoreAsync(Guid ruleId, int number, uint version, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        var row = _rules.Single(r => r.Id == ruleId);
        if (row.Version != version)
        {
            return Task.FromResult(StoreResult<RuleDetail>.Conflict(Detail(row)));
        }

        Write(row, row.Versions.Single(v => v.Number == number).Content, actor, $"restored version {number}");
        return Task.FromResult(StoreResult<RuleDetail>.Ok(Detail(row)));
    }

    public Task<IReadOnlyList<ThresholdChange>> ThresholdHistoryAsync(Guid ruleId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ThresholdChange>>(_rules.Single(r => r.Id == ruleId).Thresholds.ToList());

    public Task<ImportPlan> PlanImportAsync(ImportRequest request, CancellationToken ct)
    {
        Plans.Add(request);
        return Task.FromResult(FixedPlan ?? Plan(request));
    }

    /// <summary>Who each preview was planned for: the preview must make the import's own access decision.</summary>
    public List<string> PlanCallers { get; } = [];

    public Task<ImportPlan> PlanImportAsync(ImportRequest request, Caller caller, CancellationToken ct)
    {
        PlanCallers.Add(caller.Name);
        return PlanImportAsync(request, ct);
    }

    public Task<StoreResult<ImportPlan>> ImportAsync(ImportRequest request, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        Imports.Add((request, actor));
        if (ImportFailure is { } failure)
        {
            throw failure;
        }

        var plan = FixedPlan ?? Plan(request);
        if (plan.Refused)
        {
            return Task.FromResult(new StoreResult<ImportPlan>(StoreOutcome.Invalid, plan, [new FieldError("text", plan.RefusedReason!)]));
        }

        var parsed = RuleFileParser.Parse(request.Text);
        foreach (var group in parsed.File.Groups)
        {
            var groupId = _groups.FirstOrDefault(g => g.Name == group.Name && _namespaces.Any(n => n.Id == g.NamespaceId && n.Name == request.Namespace))?.Id
                          ?? AddGroup(request.Namespace, group.Name, group.Interval);
            foreach (var rule in group.Rules)
            {
                AddRule(groupId, RuleContent.From(rule), actor);
            }
        }

        return Task.FromResult(StoreResult<ImportPlan>.Ok(plan));
    }

    public Task<IReadOnlyList<NamespaceExport>> ExportAsync(string? @namespace, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<NamespaceExport>>([]);

    private static ImportPlan Plan(ImportRequest request)
    {
        var parsed = RuleFileParser.Parse(request.Text);
        if (parsed.Refused)
        {
            return new ImportPlan([], true, parsed.Report[0].Reason);
        }

        var items = parsed.Report.Where(l => l.Kind is ReportKind.Alert or ReportKind.Record)
            .Select(l => new ImportItem(l.Status == ReportStatus.Error ? ImportAction.Refuse : ImportAction.Create, l.Kind.ToString().ToLowerInvariant(),
                l.Name, "", l.Line, l.Reason))
            .ToList();
        return new ImportPlan(items, false, null);
    }

    private void Write(RuleRow row, RuleContent content, string actor, string? reason)
    {
        var old = row.Content?.Threshold;
        if (row.Content is not null && content.Threshold is { } parts && old is not null && old.Threshold != parts.Threshold)
        {
            row.Thresholds.Add(new ThresholdChange(old.Threshold, parts.Threshold, parts.Operator, actor, Now, reason, null));
        }

        row.Content = content;
        row.Version = _nextVersion++;
        row.UpdatedBy = actor;
        row.Versions.Add(new RuleVersionInfo(row.Versions.Count + 1, content, actor, Now.AddMinutes(row.Versions.Count), reason));
    }

    private IEnumerable<RuleRow> Live() => _rules.Where(r => !r.Deleted);

    private int GroupPosition(RuleListItem item) => _groups.Single(g => g.Name == item.Group && _namespaces.Any(n => n.Id == g.NamespaceId && n.Name == item.Namespace)).Position;

    private NamespaceSummary Summary(NamespaceRow ns) => new(ns.Id, ns.Name, ns.Team,
        _groups.Count(g => g.NamespaceId == ns.Id), Live().Count(r => _groups.Any(g => g.Id == r.GroupId && g.NamespaceId == ns.Id)), 1);

    private GroupSummary GroupSummary(GroupRow g) =>
        new(g.Id, g.NamespaceId, _namespaces.Single(n => n.Id == g.NamespaceId).Name, g.Name, g.Interval, g.Limit, g.Position, g.Version);

    private RuleListItem Item(RuleRow row)
    {
        var group = _groups.Single(g => g.Id == row.GroupId);
        var findings = RuleLinter.Lint(row.Content.ToLintRule());
        return new RuleListItem(row.Id, _namespaces.Single(n => n.Id == group.NamespaceId).Name, group.Name, row.Position, row.Content.Kind,
            row.Content.Name, row.Content.Expression, row.Content.Severity, row.Content.Enabled,
            findings.Count(f => f.Severity == LintSeverity.Error), findings.Count(f => f.Severity == LintSeverity.Warning), null, Now, row.Version);
    }

    private RuleDetail Detail(RuleRow row)
    {
        var group = _groups.Single(g => g.Id == row.GroupId);
        var ns = _namespaces.Single(n => n.Id == group.NamespaceId);
        return new RuleDetail(row.Id, row.GroupId, ns.Name, group.Name, row.Position, row.Content,
            RuleLinter.Lint(row.Content.ToLintRule()), row.Versions.Count, Now, row.UpdatedBy, row.Version)
        {
            Team = ns.Team,
            RunbookId = row.RunbookSlug is null ? null : Guid.Empty,
            RunbookSlug = row.RunbookSlug,
        };
    }

    /// <summary>Links a rule to a runbook, as the runbook store would.</summary>
    public void LinkRunbook(Guid ruleId, string slug) => _rules.Single(r => r.Id == ruleId).RunbookSlug = slug;

    private sealed record NamespaceRow(Guid Id, string Name, string Team);

    private sealed class GroupRow(Guid id, Guid namespaceId, string name)
    {
        public Guid Id { get; } = id;

        public Guid NamespaceId { get; } = namespaceId;

        public string Name { get; set; } = name;

        public PromDuration? Interval { get; set; }

        public int? Limit { get; set; }

        public int Position { get; set; }

        public uint Version { get; set; }
    }

    private sealed class RuleRow(Guid id, Guid groupId)
    {
        public Guid Id { get; } = id;

        public Guid GroupId { get; set; } = groupId;

        public int Position { get; set; }

        public RuleContent Content { get; set; } = null!;

        public uint Version { get; set; }

        public string UpdatedBy { get; set; } = "";

        public bool Deleted { get; set; }

        public string? RunbookSlug { get; set; }

        public List<RuleVersionInfo> Versions { get; } = [];

        public List<ThresholdChange> Thresholds { get; } = [];
    }
}
