using Portal.Domain.Publishing;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Unit.Features.Publishing;

/// <summary>Plans, changes and releases as the publisher would report them, with defaults a test overrides where it matters.</summary>
internal static class PublishingData
{
    public static readonly DateTimeOffset TwoHoursAgo = DateTimeOffset.UtcNow.AddHours(-2);

    public static readonly string[] Targets = ["prometheus-a", "prometheus-b"];

    public static PublishPlan Plan(
        long? current = 7,
        IReadOnlyList<NamespacePlan>? namespaces = null,
        IReadOnlyList<RuleChange>? changes = null,
        IReadOnlyList<ChangeAuthor>? authors = null,
        IReadOnlyList<ReleaseFile>? files = null,
        IReadOnlyList<string>? targets = null,
        bool nothingToPublish = false)
    {
        namespaces ??= [Namespace("payments", NamespaceStatus.Changed, rules: 4)];
        return new PublishPlan(current, namespaces, changes ?? [ThresholdChange()], authors ?? [],
            files ?? [.. namespaces.Where(n => n.Status != NamespaceStatus.Removed).Select(n => File(n.Namespace))],
            targets ?? Targets, nothingToPublish);
    }

    public static NamespacePlan Namespace(string name, NamespaceStatus status, int rules = 3, string[]? problems = null, string[]? warnings = null) =>
        new(name, name + ".yml", status, rules, problems ?? [], warnings ?? []);

    public static RuleChange ThresholdChange(string ns = "payments", string rule = "ApiErrors") =>
        new(ns, "api", rule, "warning", RuleChangeKind.Changed, [new FieldChange("threshold", "0.8", "0.85")]);

    public static ReleaseFile File(string ns, string content = "groups: []\n") =>
        new(ns, ns + ".yml", $"# Managed by the Alert Rule Portal: namespace \"{ns}\", release 1, rules sha256 0.\n" + content);

    public static TargetResult Target(string name, TargetOutcome outcome, string? detail = null) => new(name, outcome, detail, TwoHoursAgo);

    public static ReleaseSummary Summary(
        long number,
        string? note = "a note",
        string actor = "alice",
        IReadOnlyList<TargetResult>? targets = null,
        IReadOnlyList<string>? heldBack = null,
        long? rollbackOf = null,
        DateTimeOffset? at = null) =>
        new(number, at ?? TwoHoursAgo, actor, note, targets ?? [.. Targets.Select(t => Target(t, TargetOutcome.Live))], heldBack ?? [], rollbackOf, 1, 1);

    public static ReleaseDetail Release(long number, ReleaseSummary? summary = null, IReadOnlyList<ReleaseFile>? files = null, IReadOnlyList<RuleChange>? changes = null) =>
        new(summary ?? Summary(number), files ?? [File("payments")], changes ?? [ThresholdChange()]);
}
