using System.Globalization;
using Microsoft.AspNetCore.Components;
using Portal.Infrastructure.Cluster;

namespace Portal.Components.Shared;

/// <summary>
/// The one way a page listens to changes saved elsewhere (this replica or another): a list passes
/// <see cref="Changed"/> and is called at most once a second; an editor passes <see cref="Key"/> and the revision it
/// holds, and gets a "changed by X — reload" notice that leaves the user's input alone. Either way, while the feed cannot
/// hear other replicas it says so quietly.
/// </summary>
public partial class LiveChanges
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1);

    // Not injected: the debounce is wall-clock by nature, and every page test would have to register a clock for it.
    private static readonly TimeProvider Clock = TimeProvider.System;

    private IDisposable? _subscription;
    private ChangeNotice? _foreign;
    private bool _refreshPending;

    // Every revision of the open item the editor has held (its own saves pass through Known), newest last, for the key
    // they belong to. A notice of one of them is the editor's own, even when it arrives after a later save.
    private readonly List<string> _held = [];
    private string? _heldKey;
    private const int HeldKept = 32;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;

    [Inject]
    public required IChangeFeed Feed { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The <see cref="ChangeKinds"/> this page shows.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyCollection<string> Kinds { get; set; } = [];

    /// <summary>The one item an editor has open (its <see cref="ChangeNotice.Key"/>); null on a list.</summary>
    [Parameter]
    public string? Key { get; set; }

    /// <summary>The revision the editor holds: a notice of that revision is its own save, and says nothing.</summary>
    [Parameter]
    public string? Known { get; set; }

    /// <summary>
    /// Other revisions the editor holds as its own, read whenever a notice is judged: for an editor that saves twice in
    /// one click, whose first version is never shown as <see cref="Known"/>.
    /// </summary>
    [Parameter]
    public IReadOnlyCollection<string>? Held { get; set; }

    /// <summary>Called (on the renderer, at most once a second) after changes of <see cref="Kinds"/> (and <see cref="Key"/>).</summary>
    [Parameter]
    public EventCallback<ChangeNotice> Changed { get; set; }

    /// <summary>The change the open item went through elsewhere, unless the page has caught up with it since.</summary>
    private ChangeNotice? Foreign => _foreign is { } notice && IsForeign(notice) ? notice : null;

    /// <summary>
    /// A revision the editor does not hold and never held, or a deletion. Changes around the item that carry no revision (an
    /// incident's timeline entry) are not announced: the editor cannot tell its own from another's.
    /// </summary>
    private bool IsForeign(ChangeNotice notice) =>
        notice.Detail == Deleted || (notice.Revision is not null && notice.Revision != Known && !_held.Contains(notice.Revision)
            && Held?.Contains(notice.Revision) != true);

    private const string Deleted = "deleted";

    /// <summary>Kinds for pages of the rule catalog.</summary>
    public static readonly IReadOnlyCollection<string> Catalog = [ChangeKinds.Rule, ChangeKinds.Group, ChangeKinds.Namespace];

    /// <summary>Kinds for an editor of one rule.</summary>
    public static readonly IReadOnlyCollection<string> Rules = [ChangeKinds.Rule];

    public static readonly IReadOnlyCollection<string> Runbooks = [ChangeKinds.Runbook];

    public static readonly IReadOnlyCollection<string> Capacity = [ChangeKinds.Capacity];

    public static readonly IReadOnlyCollection<string> Incidents = [ChangeKinds.Incident];

    public static readonly IReadOnlyCollection<string> Releases = [ChangeKinds.Release];

    /// <summary>Called on the renderer for every notice of <see cref="Kinds"/>, undebounced (publish progress, step by step).</summary>
    [Parameter]
    public EventCallback<ChangeNotice> Each { get; set; }

    protected override void OnParametersSet()
    {
        if (_heldKey != Key)
        {
            _held.Clear();
            _heldKey = Key;
        }

        if (Known is { } known && (_held.Count == 0 || _held[^1] != known))
        {
            if (_held.Count == HeldKept)
            {
                _held.RemoveAt(0);
            }

            _held.Add(known);
        }
    }

    protected override void OnInitialized()
    {
        _subscription = Feed.Subscribe(OnNoticeAsync);
        Feed.ConnectedChanged += OnConnectedChanged;
    }

    private Task OnNoticeAsync(ChangeNotice notice)
    {
        if (!Kinds.Contains(notice.Kind) || (Key is not null && notice.Key != Key))
        {
            return Task.CompletedTask;
        }

        return InvokeAsync(async () =>
        {
            if (Key is not null && IsForeign(notice))
            {
                _foreign = notice;
                StateHasChanged();
            }

            if (Each.HasDelegate)
            {
                await Each.InvokeAsync(notice);
            }

            if (Changed.HasDelegate && !_refreshPending)
            {
                // Not awaited: the notices behind this one must reach this component while it waits, and find the reload pending.
                _refreshPending = true;
                _ = RefreshSoonAsync(notice);
            }
        });
    }

    /// <summary>A burst of changes (an import) becomes a reload at once and one more for the rest, not one per row.</summary>
    private async Task RefreshSoonAsync(ChangeNotice notice)
    {
        var wait = _lastRefresh + Debounce - Clock.GetUtcNow();
        if (wait > TimeSpan.Zero && !await RunAsync(ct => Task.Delay(wait, Clock, ct), "Waiting for the next live update"))
        {
            return;
        }

        _refreshPending = false;
        _lastRefresh = Clock.GetUtcNow();
        await Changed.InvokeAsync(notice);
    }

    private void OnConnectedChanged(bool connected) => _ = InvokeAsync(StateHasChanged);

    private static string Sentence(ChangeNotice notice)
    {
        var at = notice.At.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);
        var what = notice.Detail == Deleted ? "Deleted" : "Changed";
        return $"{what} by {notice.Actor} on {notice.Replica} at {at} — reload to see it.";
    }

    private void Reload() => Navigation.NavigateTo(Navigation.Uri, forceLoad: true);

    protected override void Disposing()
    {
        Feed.ConnectedChanged -= OnConnectedChanged;
        _subscription?.Dispose();
    }
}
