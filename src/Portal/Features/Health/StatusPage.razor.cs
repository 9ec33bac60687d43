using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Components.Shared.Charts;
using Portal.Domain.Health;
using Portal.Infrastructure.Health;

namespace Portal.Features.Health;

/// <summary>
/// The Health page: <see cref="IStatusReporter"/>'s report (shared with <c>GET /api/v1/status</c>), refreshed every
/// <c>Health:RefreshSeconds</c> while the tab is visible, until the user leaves. Rows carry stable keys, so a refresh
/// patches the cells that changed instead of rebuilding the tables.
/// </summary>
public partial class StatusPage : PortalComponent
{
    internal const string WatchFunction = "portal.visibility.watch";
    internal const string UnwatchFunction = "portal.visibility.unwatch";

    private IReadOnlyList<ComponentHealth>? _components;
    private HealthState? _overall;
    private DateTimeOffset? _checkedAt;
    private StatusReport? _report;
    private IReadOnlyList<ChartSeries> _history = [];
    private DotNetObjectReference<StatusPage>? _self;
    private int? _watchId;
    private bool _visible = true;
    private IReadOnlyList<Infrastructure.Cluster.ReplicaInfo>? _replicas;
    private string? _replicasProblem;
    private IReadOnlyList<Infrastructure.Cluster.JobLeader>? _leaders;
    private string? _leadersProblem;

    [Inject]
    public required IStatusReporter Reporter { get; init; }

    [Inject]
    public required HealthHistory History { get; init; }

    [Inject]
    public required IOptions<StatusOptions> Options { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required Infrastructure.Cluster.IReplicaDirectory Replicas { get; init; }

    [Inject]
    public required Infrastructure.Cluster.ReplicaIdentity Replica { get; init; }

    [Inject]
    public required Infrastructure.Cluster.ILeaderLocks LeaderLocks { get; init; }

    private TimeSpan RefreshEvery => Options.Value.Refresh;

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        RefreshPeriodically(RefreshEvery, RefreshAsync, paused: () => !_visible);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            _self = DotNetObjectReference.Create(this);
            var watch = await JS.InvokeAsync<VisibilityWatch>(WatchFunction, Leaving, _self);
            _watchId = watch?.Id;
            if (watch is { Visible: false })
            {
                _visible = false;
                StateHasChanged();
            }
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
        {
            // Without the hook the page still refreshes; it only cannot pause.
        }
    }

    /// <summary>Called by the visibility hook (wwwroot's portal.visibility); a tab shown again is refreshed at once.</summary>
    [JSInvokable]
    public async Task OnVisibilityChanged(bool visible)
    {
        _visible = visible;
        if (visible)
        {
            await InvokeAsync(RefreshAsync);
        }
        else
        {
            await InvokeAsync(StateHasChanged);
        }
    }

    private async Task RefreshAsync()
    {
        if (Busy || Leaving.IsCancellationRequested)
        {
            return;
        }

        // The reporter turns every dependency's and server's failure into data; what escapes it is a fault for the
        // error boundary. The last report stays on screen when a refresh fails.
        await RunAsync(async ct =>
        {
            var report = await Reporter.ReportAsync(ct);
            _report = report;
            _components = report.Dependencies;
            _overall = report.Overall;
            _checkedAt = report.At;
            _history = History.Samples
                .GroupBy(s => s.Component)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (ChartSeries)new TimeSeries(DisplayName(g.Key),
                    g.Select(s => new TimePoint(s.At, s.Status == HealthStatus.Unhealthy ? null : Math.Round(s.LatencyMs, 1))).ToList()))
                .ToList();
            await ReadReplicasAsync(ct);
        }, "The health checks could not be run");
        StateHasChanged();
    }

    /// <summary>The replica list is one more dependency's view: a database that does not answer leaves a note, not an error page.</summary>
    private async Task ReadReplicasAsync(CancellationToken ct)
    {
        try
        {
            _replicas = await Replicas.RecentAsync(Infrastructure.Cluster.ReplicaLiveness.Window, ct);
            _replicasProblem = null;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            _replicasProblem = "The replica list could not be read: the database did not answer. It is tried again at the next refresh.";
        }

        try
        {
            _leaders = await LeaderLocks.LeadersAsync(ct);
            _leadersProblem = null;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            _leaders = null;
            _leadersProblem = "Which replica leads the background jobs could not be read: the database did not answer. It is tried again at the next refresh.";
        }
    }

    protected override void Disposing()
    {
        if (_watchId is { } id)
        {
            _ = UnwatchAsync(id);
        }

        _self?.Dispose();
    }

    private async Task UnwatchAsync(int id)
    {
        try
        {
            await JS.InvokeVoidAsync(UnwatchFunction, id);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The circuit is gone, and the page's listener with it.
        }
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

    private sealed record VisibilityWatch(int Id, bool Visible);
}
