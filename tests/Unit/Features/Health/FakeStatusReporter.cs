using Portal.Domain.Health;
using Portal.Infrastructure.Health;

namespace Portal.Tests.Unit.Features.Health;

/// <summary>Answers with whatever report the test sets, and counts the calls; a null report throws as an unexpected fault would.</summary>
internal sealed class FakeStatusReporter : IStatusReporter
{
    public StatusReport? Report { get; set; }

    public int Calls { get; private set; }

    public Task<StatusReport> ReportAsync(CancellationToken ct)
    {
        Calls++;
        return Task.FromResult(Report ?? throw new InvalidOperationException("no report set"));
    }

    public static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public static StatusReport Sample(
        IReadOnlyList<PrometheusServerStatus>? servers = null,
        IReadOnlyList<ScrapeTargetView>? targets = null,
        IReadOnlyList<FailingRule>? failing = null,
        IReadOnlyList<GroupTiming>? groups = null,
        PromtoolStatus? promtool = null,
        DateTimeOffset? at = null) =>
        new(at ?? Now, HealthState.Healthy,
            [new ComponentHealth("db", HealthState.Healthy, TimeSpan.FromMilliseconds(2), null, new Dictionary<string, object?> { ["provider"] = "postgresql" })],
            servers ?? [Server("prometheus-a")],
            promtool ?? new PromtoolStatus("promtool", "/usr/bin/promtool", "2.42.0", null),
            HealthBoard.GroupTargets(targets ?? [], 2000),
            HealthBoard.Failing(failing ?? [], 500),
            HealthBoard.SlowestGroups(groups ?? [], 10));

    public static PrometheusServerStatus Server(string name, string? problem = null, DateTimeOffset? dataAt = null) =>
        new(name, [name], new Uri($"http://{name}:9090/"), problem is null ? "2.42.0" : null, problem is null ? true : null,
            "/srv/rules/" + name, true, null, problem, dataAt ?? (problem is null ? Now : null));
}
