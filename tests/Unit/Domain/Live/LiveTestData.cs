using Portal.Domain.Lint;
using Portal.Domain.Live;

namespace Portal.Tests.Unit.Domain.Live;

/// <summary>Small builders for live-state tests: series, evaluated rules and groups as a target reports them.</summary>
internal static class LiveTestData
{
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 13, 30, 0, TimeSpan.Zero);

    public static LiveSeries Series(LiveState state, DateTimeOffset? since, double value = 1, params (string Key, string Value)[] labels) =>
        new(labels.ToDictionary(l => l.Key, l => l.Value), new Dictionary<string, string>(), state, since, value);

    public static EvaluatedRule Alert(string name, params LiveSeries[] series) => new(
        name, RuleKind.Alerting, "x > 1",
        series.Select(s => s.State).DefaultIfEmpty(LiveState.Inactive).Max(),
        "ok", null, Now.AddSeconds(-3), 0.0005, series, series.Length);

    public static EvaluatedRule Recording(string name) => new(name, RuleKind.Recording, "sum(x)", LiveState.Inactive, "ok", null, Now.AddSeconds(-3), 0.001, [], 0);

    public static EvaluatedGroup Group(string name, string file, params EvaluatedRule[] rules) => new(name, file, rules);

    public static PublishedFile File(string @namespace, string team = "team-a", string prefix = "", long release = 12) =>
        new(@namespace, team, prefix + @namespace + ".yml", release, Now.AddMinutes(-10));

    public static CatalogRule Stored(string @namespace, string group, string name, string team = "team-a", string? severity = "critical", bool enabled = true, string? runbook = null) =>
        new(Guid.NewGuid(), @namespace, group, name, RuleKind.Alerting, team, severity, runbook, enabled);
}
