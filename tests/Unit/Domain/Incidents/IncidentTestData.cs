using Portal.Domain.Incidents;

namespace Portal.Tests.Unit.Domain.Incidents;

/// <summary>An alert, a rule and a context at fixed times, for rendering and exports.</summary>
internal static class IncidentTestData
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);

    public static AlertFacts Alert(params (string Name, string Value)[] labels) => new(
        "HighErrorRate",
        labels.Length == 0
            ? new Dictionary<string, string> { ["instance"] = "api-1:8080", ["severity"] = "critical" }
            : labels.ToDictionary(l => l.Name, l => l.Value),
        0.35,
        Start);

    public static RuleFacts Rule(double? threshold = 0.05, int forMinutes = 90) => new(
        Guid.Parse("3f2b6c1e-0000-4000-8000-000000000001"), 4, "HighErrorRate",
        "rate(errors_total[5m]) / rate(requests_total[5m]) > 0.05", "rate(errors_total[5m]) / rate(requests_total[5m])",
        ">", threshold, TimeSpan.FromMinutes(forMinutes), TimeSpan.Zero, TimeSpan.FromMinutes(1), "payments",
        "https://runbooks.example/high-error-rate");

    public static TimelineEntry Entry(int minutes, TimelineKind kind, string text, bool automatic = false, string? by = "ana") =>
        new(Guid.NewGuid(), Start.AddMinutes(minutes), kind, text, automatic, automatic ? null : by);

    public static PlaceholderContext Context(
        AlertFacts? alert = null, RuleFacts? rule = null, IReadOnlyList<TimelineEntry>? timeline = null,
        IReadOnlyList<ActionItem>? actions = null, string severity = "SEV-2") =>
        new(alert, rule, null, severity, timeline ?? [], actions ?? [], Start.AddHours(2));
}
