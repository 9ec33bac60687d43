namespace Portal.Tests;

/// <summary>
/// The project's own Markdown documents (tests/Fixtures), modelled on what teams bring to the portal.
/// Every test project copies them beside its assembly, so no test reads anything outside the repository.
/// </summary>
internal static class FixtureDocuments
{
    /// <summary>Named-query blocks, warning/critical alert lists, a top-ten list and three configuration blocks.</summary>
    public const string MetricsAndAlertPairs = "metrics-and-alert-pairs.md";

    /// <summary>Rules pasted without list markers (two pairs and a single alert) among runbooks.</summary>
    public const string OperationsRunbook = "operations-runbook.md";

    /// <summary>A long report with ten one-rule lists that put <c>severity:</c> beside <c>expr</c>.</summary>
    public const string ReliabilityReport = "reliability-report.md";

    /// <summary>Thresholds and health endpoints, with no ```yaml block.</summary>
    public const string ProductionAlertingSetup = "production-alerting-setup.md";

    /// <summary>Thresholds as environment variables, with no ```yaml block.</summary>
    public const string ResourceMonitoringGuide = "resource-monitoring-guide.md";

    public static IReadOnlyList<string> All { get; } =
        [MetricsAndAlertPairs, OperationsRunbook, ReliabilityReport, ProductionAlertingSetup, ResourceMonitoringGuide];

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
