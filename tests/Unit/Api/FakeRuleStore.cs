using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Api;

/// <summary>
/// An in-memory <see cref="IRuleStore"/> for the API's tests: rules keep a row version that every save
/// bumps, a stale version is a conflict, and every call is recorded. Only what the API calls works.
/// </summary>
internal sealed class FakeRuleStore : IRuleStore
{
    public static readonly Guid GroupId = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public Dictionary<Guid, RuleDetail> Rules { get; } = [];

    public List<string> Calls { get; } = [];

    public List<(RuleEdit Edit, string Actor)> Saves { get; } = [];

    public List<NamespaceExport> Exports { get; } = [];

    public ImportPlan Plan { get; set; } = new([], false, null);

    public StoreResult<ImportPlan>? ImportResult { get; set; }

    public RuleDetail Add(RuleContent content, uint version = 7)
    {
        var rule = new RuleDetail(Guid.NewGuid(), GroupId, "payments", "api", 0, content, [], 1, Now, "someone", version);
        Rules[rule.Id] = rule;
        return rule;
    }

    public Task<RuleDetail?> GetAsync(Guid id, CancellationToken ct)
    {
        Calls.Add(nameof(GetAsync));
        return Task.FromResult(Rules.GetValueOrDefault(id));
    }

    public Task<StoreResult<RuleDetail>> SaveAsync(RuleEdit edit, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        Calls.Add(nameof(SaveAsync));
        Saves.Add((edit, actor));
        var errors = edit.Content.Validate();
        if (errors.Count > 0)
        {
            return Task.FromResult(StoreResult<RuleDetail>.Invalid(errors));
        }

        if (edit.Id is { } id)
        {
            if (!Rules.TryGetValue(id, out var current))
            {
                return Task.FromResult(StoreResult<RuleDetail>.NotFound("rule"));
            }

            if (current.Version != edit.Version)
            {
                return Task.FromResult(StoreResult<RuleDetail>.Conflict(current));
            }

            if (current.Content == edit.Content)
            {
                return Task.FromResult(StoreResult<RuleDetail>.Ok(current, changed: false));
            }

            var saved = current with { Content = edit.Content, Version = current.Version + 1, VersionNumber = current.VersionNumber + 1, UpdatedBy = actor };
            Rules[id] = saved;
            return Task.FromResult(StoreResult<RuleDetail>.Ok(saved));
        }

        var created = new RuleDetail(Guid.NewGuid(), edit.GroupId, "payments", "api", Rules.Count, edit.Content,
            RuleLinter.Lint(edit.Content.ToLintRule()), 1, Now, actor, 1);
        Rules[created.Id] = created;
        return Task.FromResult(StoreResult<RuleDetail>.Ok(created));
    }

    public Task<StoreResult<bool>> DeleteAsync(Guid id, uint version, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        Calls.Add(nameof(DeleteAsync));
        if (!Rules.TryGetValue(id, out var current))
        {
            return Task.FromResult(StoreResult<bool>.NotFound("rule"));
        }

        if (current.Version != version)
        {
            return Task.FromResult(StoreResult<bool>.Conflict(current));
        }

        Rules.Remove(id);
        return Task.FromResult(StoreResult<bool>.Ok(true));
    }

    public Task<RulePage> ListAsync(RuleQuery query, CancellationToken ct)
    {
        Calls.Add(nameof(ListAsync));
        LastQuery = query;
        var items = Rules.Values.Select(r => new RuleListItem(r.Id, r.Namespace, r.Group, r.Position, r.Content.Kind, r.Content.Name,
            r.Content.Expression, r.Content.Severity, r.Content.Enabled, 0, r.Findings.Count, null, r.UpdatedAt, r.Version)).ToList();
        return Task.FromResult(new RulePage(items.Skip(query.Skip).Take(query.Take).ToList(), items.Count));
    }

    public RuleQuery? LastQuery { get; private set; }

    public Task<ImportPlan> PlanImportAsync(ImportRequest request, CancellationToken ct)
    {
        Calls.Add(nameof(PlanImportAsync));
        LastImport = request;
        return Task.FromResult(Plan);
    }

    public Task<StoreResult<ImportPlan>> ImportAsync(ImportRequest request, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        Calls.Add(nameof(ImportAsync));
        LastImport = request;
        return Task.FromResult(ImportResult ?? StoreResult<ImportPlan>.Ok(Plan));
    }

    public ImportRequest? LastImport { get; private set; }

    public Task<IReadOnlyList<NamespaceExport>> ExportAsync(string? @namespace, CancellationToken ct)
    {
        Calls.Add(nameof(ExportAsync));
        return Task.FromResult<IReadOnlyList<NamespaceExport>>(Exports.Where(e => @namespace is null || e.Namespace == @namespace).ToList());
    }

    public Task<IReadOnlyList<NamespaceSummary>> NamespacesAsync(CancellationToken ct) => throw new NotSupportedException();

    public Task<NamespaceDetail?> NamespaceAsync(string name, CancellationToken ct) => throw new NotSupportedException();

    public Task<IReadOnlyList<GroupChoice>> GroupChoicesAsync(CancellationToken ct) => throw new NotSupportedException();

    public Task<StoreResult<NamespaceSummary>> CreateNamespaceAsync(string name, string team, Caller caller, CancellationToken ct) =>
        throw new NotSupportedException();

    public Task<StoreResult<GroupSummary>> SaveGroupAsync(GroupEdit edit, Caller caller, CancellationToken ct) => throw new NotSupportedException();

    public Task<StoreResult<RuleDetail>> MoveAsync(Guid id, uint version, Guid groupId, int position, Caller caller, CancellationToken ct) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<RuleVersionInfo>> HistoryAsync(Guid ruleId, CancellationToken ct) => throw new NotSupportedException();

    public Task<StoreResult<RuleDetail>> RestoreAsync(Guid ruleId, int number, uint version, Caller caller, CancellationToken ct) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<ThresholdChange>> ThresholdHistoryAsync(Guid ruleId, CancellationToken ct) => throw new NotSupportedException();

    public static RuleContent Alert(string name = "HighErrorRate", string expr = "rate(errors_total[5m]) > 0.05") =>
        new(RuleKind.Alerting, name, expr, PromDuration.Parse("10m"), null,
            LabelMap.Of(("severity", "critical")), LabelMap.Of(("summary", "Too many errors")));
}
