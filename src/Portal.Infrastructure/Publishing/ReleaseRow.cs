using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Publishing;

/// <summary>A release: never updated once written, except that its per-target outcomes move on (pending → live).</summary>
internal sealed class ReleaseRow
{
    public long Number { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string? Note { get; set; }
    public long? RollbackOf { get; set; }
    public List<string> HeldBack { get; set; } = [];
    /// <summary>The namespaces this release changes; its files hold the whole rule set as it stood after it.</summary>
    public List<string> Scope { get; set; } = [];
    /// <summary>The per-rule diff against what the targets held before it, as JSON.</summary>
    public string Changes { get; set; } = "[]";
    /// <summary>How many entries <see cref="Changes"/> has: lists show it without reading the diff.</summary>
    public int ChangeCount { get; set; }
    /// <summary>Rule id → content version number of every rule the release contains, as JSON.</summary>
    public string RuleVersions { get; set; } = "{}";
    public List<ReleaseFileRow> Files { get; set; } = [];
    public List<ReleaseTargetRow> Targets { get; set; } = [];
}
