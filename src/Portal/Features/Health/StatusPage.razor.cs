using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor;
using Portal.Api;
using Portal.Components.Shared;
using Portal.Components.Shared.Charts;
using Portal.Domain.Health;
using Portal.Infrastructure.Health;

namespace Portal.Features.Health;

public partial class StatusPage : PortalComponent
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(10);
    private IReadOnlyList<ComponentHealth>? _components;
    private HealthState? _overall;
    private DateTimeOffset? _checkedAt;
    private IReadOnlyList<ChartSeries> _history = [];

    [Inject]
    public required HealthCheckService Health { get; init; }

    [Inject]
    public required HealthHistory History { get; init; }

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _ = RefreshPeriodicallyAsync(Leaving);
    }

    private async Task RefreshPeriodicallyAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(RefreshAsync);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshAsync()
    {
        if (Busy || Leaving.IsCancellationRequested)
        {
            return;
        }

        // A health check reports its own failures as data; what escapes it is a fault for the error boundary.
        await RunAsync(async ct =>
        {
            var report = await Health.CheckHealthAsync(ct);
            _components = HealthEndpoints.ToComponents(report);
            _overall = HealthPolicy.Overall(_components);
            _checkedAt = DateTimeOffset.UtcNow;
            _history = History.Samples
                .GroupBy(s => s.Component)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (ChartSeries)new TimeSeries(DisplayName(g.Key),
                    g.Select(s => new TimePoint(s.At, s.Status == HealthStatus.Unhealthy ? null : Math.Round(s.LatencyMs, 1))).ToList()))
                .ToList();
        }, "The health checks could not be run");
        StateHasChanged();
    }

    private static Color ColorOf(HealthState state) => state switch
    {
        HealthState.Healthy => Color.Success,
        HealthState.Degraded => Color.Warning,
        _ => Color.Error,
    };

    private static string DisplayName(string component) => component switch
    {
        "db" => "PostgreSQL",
        "cache" => "Redis cache",
        "prometheus" => "Prometheus",
        _ => component,
    };

    /// <summary>The check's raw JSON fields as people read them: named, with units, latency first.</summary>
    private static IEnumerable<(string Label, string Value)> Describe(ComponentHealth component)
    {
        var details = component.Details;
        var latency = details.TryGetValue("latency_ms", out var ms) ? ms : Math.Round(component.Latency.TotalMilliseconds, 1);
        yield return ("Latency", $"{latency} ms");
        foreach (var (key, value) in details.Where(d => d.Key != "latency_ms").OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            yield return key switch
            {
                "database" => ("Database", $"{value}"),
                "provider" => ("Provider", $"{value}"),
                "tables_accessible" => ("Tables", $"{value}"),
                "memory_used_mb" => ("Memory used", $"{value} MB"),
                "url" => ("URL", $"{value}"),
                "version" => ("Version", $"{value}"),
                _ => (key, $"{value}"),
            };
        }
    }

    private static string Consequence(string component) => component switch
    {
        "cache" => "only slower: queries go straight to Prometheus",
        "prometheus" => "but tuning, autocompletion and publishing wait for it",
        _ => "with less",
    };
}
