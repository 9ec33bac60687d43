using Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Domain.Live;
using Portal.Infrastructure.Live;

namespace Portal.Features.Alerts;

/// <summary>
/// Everything pending and firing on every target (<see cref="ILiveAlerts"/>, shared with <c>GET /api/v1/alerts</c>).
/// Filters live in the address (<c>?state=&amp;severity=&amp;team=&amp;q=</c>); the page refreshes itself, and
/// stops while the browser tab is hidden.
/// </summary>
public partial class AlertsPage : IAsyncDisposable
{
    internal static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(15);
    internal const string WatchFunction = "portal.visibility.watch";
    internal const string UnwatchFunction = "portal.visibility.unwatch";

    private readonly CancellationTokenSource _cts = new();
    private DotNetObjectReference<AlertsPage>? _self;
    private int? _watchId;
    private AlertBoard? _board;
    private string? _error;
    private bool _busy;
    private bool _visible = true;
    private string? _shownFilter;

    [Inject]
    public required ILiveAlerts Live { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [SupplyParameterFromQuery(Name = "state")]
    public string? State { get; set; }

    [SupplyParameterFromQuery(Name = "severity")]
    public string? Severity { get; set; }

    [SupplyParameterFromQuery(Name = "team")]
    public string? Team { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Text { get; set; }

    private bool IsFiltered => Filter() != new AlertFilter();

    internal AlertFilter Filter() => new(LiveText.Parse(State) is LiveState.Firing or LiveState.Pending ? LiveText.Parse(State) : null, Blank(Severity), Blank(Team), Blank(Text));

    protected override void OnInitialized() => _ = RefreshPeriodicallyAsync(_cts.Token);

    protected override async Task OnParametersSetAsync()
    {
        if (Filter().ToString() != _shownFilter)
        {
            await RefreshAsync();
        }
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
            var watch = await JS.InvokeAsync<VisibilityWatch>(WatchFunction, _cts.Token, _self);
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

    /// <summary>Called by the visibility hook; a tab shown again gets fresh data at once.</summary>
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

    private async Task RefreshPeriodicallyAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (_visible)
                {
                    await InvokeAsync(RefreshAsync);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshAsync()
    {
        if (_busy || _cts.IsCancellationRequested)
        {
            return;
        }

        _busy = true;
        var filter = Filter();
        try
        {
            _board = await Live.AlertsAsync(filter, _cts.Token);
            _shownFilter = filter.ToString();
            _error = null;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            _error = ExpectedFailure.Sentence("The alerts could not be read", e);
        }
        finally
        {
            _busy = false;
        }

        StateHasChanged();
    }

    private static IEnumerable<string> Choices(IReadOnlyList<string>? known, string? current) =>
        (known ?? []).Concat(current is { Length: > 0 } ? [current] : []).Distinct(StringComparer.Ordinal);

    internal static Color SeverityColor(string severity) => severity switch
    {
        "critical" or "page" => Color.Error,
        "warning" => Color.Warning,
        "info" => Color.Info,
        _ => Color.Default,
    };

    private void OnTextChanged(string? text) => Navigate("q", text);

    private void OnStateChanged(string? state) => Navigate("state", state);

    private void OnSeverityChanged(string? severity) => Navigate("severity", severity);

    private void OnTeamChanged(string? team) => Navigate("team", team);

    private void Navigate(string name, string? value) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(name, Blank(value)), replace: true);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        if (_watchId is { } id)
        {
            try
            {
                await JS.InvokeVoidAsync(UnwatchFunction, id);
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
            {
                // The circuit is gone, and the page's listener with it.
            }
        }

        _self?.Dispose();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed record VisibilityWatch(int Id, bool Visible);
}
