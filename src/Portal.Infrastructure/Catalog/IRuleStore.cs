using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <summary>
/// The rule catalog in PostgreSQL. Pages and API endpoints call this, never EF Core. Every write
/// takes the caller, asks the access policy (Editors of the owning team, or an Admin) and checks its input itself; edits carry the version they started from and
/// fail with a conflict instead of overwriting someone else's change.
/// </summary>
public interface IRuleStore
{
    Task<IReadOnlyList<NamespaceSummary>> NamespacesAsync(CancellationToken ct);

    Task<NamespaceDetail?> NamespaceAsync(string name, CancellationToken ct);

    /// <summary>Every group with its namespace and owning team, by namespace and position, in one query: what the rule editor offers to add a rule to.</summary>
    Task<IReadOnlyList<GroupChoice>> GroupChoicesAsync(CancellationToken ct);

    Task<StoreResult<NamespaceSummary>> CreateNamespaceAsync(string name, string team, Caller caller, CancellationToken ct);

    Task<StoreResult<GroupSummary>> SaveGroupAsync(GroupEdit edit, Caller caller, CancellationToken ct);

    Task<RulePage> ListAsync(RuleQuery query, CancellationToken ct);

    Task<RuleDetail?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>Creates (<see cref="RuleEdit.Id"/> null) or updates a rule; a save that changes nothing writes nothing.</summary>
    Task<StoreResult<RuleDetail>> SaveAsync(RuleEdit edit, Caller caller, CancellationToken ct);

    Task<StoreResult<bool>> DeleteAsync(Guid id, uint version, Caller caller, CancellationToken ct);

    /// <summary>Moves a rule to another group (of any namespace) at a position, or reorders it in its own.</summary>
    Task<StoreResult<RuleDetail>> MoveAsync(Guid id, uint version, Guid groupId, int position, Caller caller, CancellationToken ct);

    Task<IReadOnlyList<RuleVersionInfo>> HistoryAsync(Guid ruleId, CancellationToken ct);

    Task<RuleVersionInfo?> VersionAsync(Guid ruleId, int number, CancellationToken ct);

    /// <summary>Makes the content of an old version current again, as a new version.</summary>
    Task<StoreResult<RuleDetail>> RestoreAsync(Guid ruleId, int number, uint version, Caller caller, CancellationToken ct);

    Task<IReadOnlyList<ThresholdChange>> ThresholdHistoryAsync(Guid ruleId, CancellationToken ct);

    /// <summary>What importing the text into the namespace would do, per item; writes nothing.</summary>
    Task<ImportPlan> PlanImportAsync(ImportRequest request, CancellationToken ct);

    /// <summary>The plan as this caller's import would carry it out: what their access refuses is said per item (no audit row; previews are free).</summary>
    Task<ImportPlan> PlanImportAsync(ImportRequest request, Domain.Access.Caller caller, CancellationToken ct) => PlanImportAsync(request, ct);

    /// <summary>Applies the plan of the same request in one transaction: all of it or nothing.</summary>
    Task<StoreResult<ImportPlan>> ImportAsync(ImportRequest request, Caller caller, CancellationToken ct);

    /// <summary>The rule file of one namespace (or of all when null), enabled rules only, as Prometheus will load it.</summary>
    Task<IReadOnlyList<NamespaceExport>> ExportAsync(string? @namespace, CancellationToken ct);
}

public sealed record NamespaceSummary(Guid Id, string Name, string Team, int GroupCount, int RuleCount, uint Version)
{
    /// <summary>When it was archived (read-only, not published); null while it is active.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    public string? ArchivedBy { get; init; }

    public bool Archived => ArchivedAt is not null;
}

public sealed record NamespaceDetail(NamespaceSummary Namespace, IReadOnlyList<GroupDetail> Groups);

public sealed record GroupSummary(Guid Id, Guid NamespaceId, string Namespace, string Name, PromDuration? Interval, int? Limit, int Position, uint Version);

/// <summary>A group a new rule can go into: enough to offer it, check the team's right and preview the published YAML.</summary>
public sealed record GroupChoice(Guid Id, string Namespace, string Group, string Team, PromDuration? Interval, int? Limit)
{
    public override string ToString() => $"{Namespace} / {Group}";
}

public sealed record GroupDetail(GroupSummary Group, IReadOnlyList<RuleListItem> Rules);

/// <summary>Create (<see cref="Id"/> null) or change a group; <see cref="Version"/> is the one the edit started from.</summary>
public sealed record GroupEdit(Guid? Id, Guid NamespaceId, string Name, PromDuration? Interval, int? Limit, uint Version);

public enum RuleSort
{
    Position,
    Name,
    Namespace,
    Severity,
    Findings,
    UpdatedAt,
    /// <summary>By <see cref="RuleListItem.FiresPerWeek"/>; rules not yet measured come last either way.</summary>
    FiresPerWeek,
}

/// <summary>One page of the rules list; every filter is optional and they combine with AND.</summary>
public sealed record RuleQuery(
    string? Namespace = null,
    string? Group = null,
    string? Severity = null,
    RuleKind? Kind = null,
    string? Text = null,
    bool? HasFindings = null,
    RuleSort Sort = RuleSort.Position,
    bool Descending = false,
    int Skip = 0,
    int Take = 50)
{
    /// <summary>The owning team of the rule's namespace.</summary>
    public string? Team { get; init; }

    /// <summary>Rules with at least one lint finding of this severity (<c>error</c> or <c>warning</c>).</summary>
    public string? LintSeverity { get; init; }

    /// <summary>Only these rules (or, with <see cref="ExcludeIds"/>, all but these): how the live-state filter reaches the database.</summary>
    public IReadOnlyCollection<Guid>? Ids { get; init; }

    public bool ExcludeIds { get; init; }

    // Records compare collections by reference; a filter key must not change with a new but equal set.
    public override string ToString() =>
        $"{Namespace}|{Group}|{Severity}|{Kind}|{Text}|{HasFindings}|{Sort}|{Descending}|{Skip}|{Take}|{Team}|{LintSeverity}|{(ExcludeIds ? "-" : "+")}{Ids?.Count}";
}

public sealed record RulePage(IReadOnlyList<RuleListItem> Items, int Total);

public sealed record RuleListItem(
    Guid Id,
    string Namespace,
    string Group,
    int Position,
    RuleKind Kind,
    string Name,
    string Expression,
    string? Severity,
    bool Enabled,
    int ErrorCount,
    int WarningCount,
    double? FiresPerWeek,
    DateTimeOffset UpdatedAt,
    uint Version);

public sealed record RuleDetail(
    Guid Id,
    Guid GroupId,
    string Namespace,
    string Group,
    int Position,
    RuleContent Content,
    IReadOnlyList<LintFinding> Findings,
    int VersionNumber,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    uint Version)
{
    /// <summary>The team owning the rule's namespace: its Editors (and Admins) may change the rule.</summary>
    public string Team { get; init; } = "";

    /// <summary>The rule's namespace is archived: the rule is read-only and not published.</summary>
    public bool Archived { get; init; }
}

/// <summary>
/// A save from a form or the API: <see cref="Version"/> is the row version the edit started from (0 for
/// new rules). Forms also pass <see cref="BaseVersionNumber"/>, the content version they showed: a row
/// that only moved (reordering renumbers its neighbours) is then not a conflict, new content is.
/// </summary>
public sealed record RuleEdit(Guid? Id, Guid GroupId, RuleContent Content, uint Version, string? Reason = null, int? BaseVersionNumber = null)
{
    /// <summary>What the tuning page's backtest expected of a new threshold, kept in the threshold history.</summary>
    public double? ExpectedAlertsPerWeek { get; init; }
}

public sealed record RuleVersionInfo(int Number, RuleContent Content, string Actor, DateTimeOffset At, string? Reason);

public sealed record ThresholdChange(double? Old, double New, string Operator, string Actor, DateTimeOffset At, string? Reason, double? ExpectedAlertsPerWeek);

public enum StoreOutcome
{
    Saved,
    /// <summary>The content equals what is stored: nothing was written.</summary>
    Unchanged,
    /// <summary>Someone else saved first; <see cref="StoreResult{T}.Current"/> is their version.</summary>
    Conflict,
    Invalid,
    NotFound,
    /// <summary>The caller may not make this change (the access policy's reason is the error); nothing was written, the refusal is audited.</summary>
    Forbidden,
}

public sealed record StoreResult<T>(StoreOutcome Outcome, T? Value, IReadOnlyList<FieldError> Errors, RuleDetail? Current = null)
{
    public bool Succeeded => Outcome is StoreOutcome.Saved or StoreOutcome.Unchanged;

    public static StoreResult<T> Ok(T value, bool changed = true) => new(changed ? StoreOutcome.Saved : StoreOutcome.Unchanged, value, []);

    public static StoreResult<T> Invalid(IReadOnlyList<FieldError> errors) => new(StoreOutcome.Invalid, default, errors);

    public static StoreResult<T> Invalid(string field, string message) => new(StoreOutcome.Invalid, default, [new FieldError(field, message)]);

    public static StoreResult<T> Forbidden(string reason) => new(StoreOutcome.Forbidden, default, [new FieldError("access", reason)]);

    public static StoreResult<T> NotFound(string what) => new(StoreOutcome.NotFound, default, [new FieldError("id", what + " not found")]);

    public static StoreResult<T> Conflict(RuleDetail? current) =>
        new(StoreOutcome.Conflict, default, [new FieldError("version", "Someone else changed this since you opened it.")], current);
}

public sealed record ImportRequest(string Text, string Namespace, string? FileName = null, string? Team = null);

public enum ImportAction
{
    Create,
    Update,
    Unchanged,
    Refuse,
    /// <summary>Not a rule (a config block, a report line about a group).</summary>
    Note,
}

public sealed record ImportItem(ImportAction Action, string Kind, string Name, string Group, int Line, string Reason);

public sealed record ImportPlan(IReadOnlyList<ImportItem> Items, bool Refused, string? RefusedReason)
{
    public int Count(ImportAction action) => Items.Count(i => i.Action == action);
}

/// <param name="Team">The owning team.</param>
public sealed record NamespaceExport(string Namespace, RuleFile File, string Team = "");
