using Portal.Security;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>
/// The rule catalog as a server-paged table. Every filter lives in the address (<c>?ns=&amp;group=&amp;severity=&amp;kind=&amp;q=&amp;findings=&amp;live=&amp;team=&amp;lint=</c>):
/// controls only navigate, and the list reloads when the address changes, so a link reproduces the view.
/// </summary>
public partial class RulesPage : PortalComponent
{
    internal static readonly IReadOnlyList<string> Severities = ["critical", "warning", "info"];

    /// <summary>How many namespaces the filter lists at once; typing narrows them.</summary>
    private const int NamespaceChoicesShown = 50;

    private static readonly (string, string)[] KindChoices = [("alerting", "alerting"), ("recording", "recording")];
    private static readonly (string, string)[] LiveChoices = [("firing", "firing"), ("pending", "pending"), ("inactive", "inactive"), ("nodata", "no data")];
    private static readonly (string, string)[] LintChoices = [("error", "errors"), ("warning", "warnings")];

    private IReadOnlyList<NamespaceSummary>? _namespaces;
    private IReadOnlyList<string> _groups = [];
    private string? _groupsOf;
    private string? _text;
    private string? _loadedFilters;
    private string? _loadError;
    private Infrastructure.Live.LiveIndex? _live;
    private string? _liveError;
    private RulePage _page = new([], 0);
    private RuleSort _sort = RuleSort.Position;
    private bool _descending;
    private int _skip;
    private int _take = 50;
    private bool _loadingPage;
    private CancellationTokenSource? _pageLoad;

    [Inject]
    public required IRuleStore Store { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required Infrastructure.Identity.ITeams Teams { get; init; }

    [Inject]
    public required Infrastructure.Live.ILiveAlerts Live { get; init; }

    /// <summary>Editors (of some team) and Admins write rules; Viewers and Publishers only read them here.</summary>
    private bool MayEdit => User.Caller is var caller && (caller.IsAdmin || caller.Roles.Contains(Domain.Access.PortalRole.Editor));

    /// <summary>The starter pack belongs to its own team: an Admin, or an Editor of that team, may load it.</summary>
    private bool MayLoadStarterPack => User.Refusal(Domain.Access.PortalAction.EditRules, StarterPack.Team) is null;

    [SupplyParameterFromQuery(Name = "ns")]
    public string? Namespace { get; set; }

    [SupplyParameterFromQuery(Name = "group")]
    public string? Group { get; set; }

    [SupplyParameterFromQuery(Name = "severity")]
    public string? Severity { get; set; }

    /// <summary><c>alerting</c> or <c>recording</c>.</summary>
    [SupplyParameterFromQuery(Name = "kind")]
    public string? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Text { get; set; }

    [SupplyParameterFromQuery(Name = "findings")]
    public bool? HasFindings { get; set; }

    /// <summary>Live state over every target: <c>firing</c>, <c>pending</c>, <c>inactive</c> or <c>nodata</c>.</summary>
    [SupplyParameterFromQuery(Name = "live")]
    public string? LiveState { get; set; }

    [SupplyParameterFromQuery(Name = "team")]
    public string? Team { get; set; }

    /// <summary>Rules with a lint finding of this severity: <c>error</c> or <c>warning</c>.</summary>
    [SupplyParameterFromQuery(Name = "lint")]
    public string? Lint { get; set; }

    private bool IsCatalogEmpty => _namespaces is { } namespaces && namespaces.Sum(n => n.RuleCount) == 0;

    protected override async Task OnInitializedAsync() => await LoadNamespacesAsync();

    protected override async Task OnParametersSetAsync()
    {
        // While the search box has the focus it keeps what is being typed: an address that arrives meanwhile (the search of
        // an earlier pause) is older than the box's text, and rendering it would take back the newer keystrokes.
        if (!_searchFocused)
        {
            (_text, _typed) = (Text, null);
        }

        if (FilterKey() != _loadedFilters)
        {
            // A changed filter starts again at the first page.
            _skip = 0;
            await LoadPageAsync();
        }

        await LoadGroupsAsync();
    }

    /// <summary>Someone saved a rule, group or namespace (here or on another replica): the counts and the page shown.</summary>
    private async Task OnCatalogChangedAsync()
    {
        await LoadNamespacesAsync();
        await LoadPageAsync();
    }

    private async Task LoadNamespacesAsync()
    {
        _loadError = null;
        await RunAsync(async ct => _namespaces = SharedRows.Share(await Store.NamespacesAsync(ct)), "The rule catalog cannot be read",
            show: sentence => _loadError = sentence);
    }

    private async Task LoadGroupsAsync()
    {
        if (Namespace == _groupsOf)
        {
            return;
        }

        _groupsOf = Namespace;
        _groups = [];
        if (Namespace is null)
        {
            return;
        }

        // Without its groups the filter offers none; the grid below says what failed.
        await RunAsync(async ct =>
        {
            var detail = await Store.NamespaceAsync(Namespace, ct);
            _groups = detail?.Groups.Select(g => g.Group.Name).ToList() ?? [];
        }, "The groups could not be loaded", show: _ => _groups = []);
    }

    internal RuleQuery CurrentQuery() => new(
        Namespace: Blank(Namespace),
        Group: Blank(Group),
        Severity: Blank(Severity),
        Kind: Kind switch { "alerting" => RuleKind.Alerting, "recording" => RuleKind.Recording, _ => null },
        Text: Blank(Text),
        HasFindings: HasFindings == true ? true : null)
    {
        Team = Blank(Team),
        LintSeverity = Lint is "error" or "warning" ? Lint : null,
    };

    /// <summary>The live filter as rule ids for the store: the rules in that state, or for "no data" all but those with data.</summary>
    internal static RuleQuery WithLive(RuleQuery query, Domain.Live.LiveState? state, Infrastructure.Live.LiveIndex index) => state switch
    {
        null => query,
        Domain.Live.LiveState.NoData => query with { Ids = index.Rules.Where(r => r.Value.State != Domain.Live.LiveState.NoData).Select(r => r.Key).ToList(), ExcludeIds = true },
        { } wanted => query with { Ids = index.Rules.Where(r => r.Value.State == wanted).Select(r => r.Key).ToList() },
    };

    private string FilterKey() => CurrentQuery() + "|" + LiveState;

    /// <summary>
    /// Reads the page the filters, order and pager ask for. A newer request cancels an older one still running, so a
    /// slow answer never replaces the one the user asked for last.
    /// </summary>
    private async Task LoadPageAsync()
    {
        if (_pageLoad is { } previous)
        {
            await previous.CancelAsync();
            previous.Dispose();
        }

        var mine = _pageLoad = CancellationTokenSource.CreateLinkedTokenSource(Leaving);
        var query = CurrentQuery() with { Sort = _sort, Descending = _descending, Skip = _skip, Take = _take };
        _loadedFilters = FilterKey();
        _loadingPage = true;
        try
        {
            await LoadLiveAsync(mine.Token);
            var wanted = Domain.Live.LiveText.Parse(LiveState);
            // Without live data the live filter cannot be applied; an empty list would read as "none is firing".
            _page = wanted is not null && _live is null
                ? new RulePage([], 0)
                : SharedRows.Share(await Store.ListAsync(_live is null ? query : WithLive(query, wanted, _live), mine.Token));
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            _page = new RulePage([], 0);
            Toast(ExpectedFailure.Sentence("The rules could not be loaded", e));
        }
        finally
        {
            if (ReferenceEquals(_pageLoad, mine))
            {
                _loadingPage = false;
            }
        }
    }

    private async Task OnSortChangedAsync((RuleSort Sort, bool Descending) order)
    {
        (_sort, _descending, _skip) = (order.Sort, order.Descending, 0);
        await LoadPageAsync();
    }

    private async Task OnPageChangedAsync((int Skip, int Take) page)
    {
        (_skip, _take) = (Math.Max(0, page.Skip), page.Take);
        await LoadPageAsync();
    }

    /// <summary>The live state of every rule at once (the service caches it per target), never one query per rule.</summary>
    private async Task LoadLiveAsync(CancellationToken ct)
    {
        try
        {
            _live = await Live.StatesAsync(ct);
            _liveError = _live.Unavailable.Count == 0 ? null
                : "Live state is incomplete: " + string.Join("; ", _live.Unavailable.Select(p => $"{p.Target} is not answering ({p.Problem})"));
        }
        catch (Exception e) when (e is not OperationCanceledException && ExpectedFailure.Is(e))
        {
            _live = null;
            _liveError = ExpectedFailure.Sentence("Live state is unavailable", e);
        }
    }

    private Domain.Live.RuleLiveSummary LiveOf(RuleListItem rule) => _live?.Of(rule.Id) ?? Infrastructure.Live.LiveIndex.NoData;

    /// <summary>Namespaces whose name contains the text, in the catalog's order; the autocomplete shows the first few.</summary>
    private Task<IEnumerable<string>> SearchNamespacesAsync(string? text, CancellationToken ct)
    {
        var names = (_namespaces ?? []).Select(n => n.Name);
        // The current value is what the box shows on opening: list every namespace then, not just that one.
        if (!string.IsNullOrWhiteSpace(text) && text != Namespace)
        {
            var wanted = text.Trim();
            names = names.Where(n => n.Contains(wanted, StringComparison.OrdinalIgnoreCase));
        }

        return Task.FromResult(names);
    }

    private bool IsArchived(string? name) => _namespaces?.FirstOrDefault(n => n.Name == name)?.Archived == true;

    private IEnumerable<string> TeamChoices => (_namespaces ?? []).Select(n => n.Team).Append(Team ?? "").Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Characters the search box takes: a name or a piece of an expression, not a rule file (a longer <c>q</c> in the address meets the server's request-line limit).</summary>
    private const int SearchMaxLength = 500;

    private static readonly TimeSpan SearchPause = TimeSpan.FromMilliseconds(300);

    private bool _exportOpen;
    private CancellationTokenSource? _searchPause;

    // Typed into the search box since the address last set it; null when nothing was.
    private string? _typed;
    private bool _searchFocused;

    private static string Button(string variant, string color = "primary") =>
        $"mud-button-root mud-button mud-button-{variant} mud-button-{variant}-{color} mud-button-{variant}-size-medium mud-ripple";

    private static RenderFragment ButtonIcon(string icon) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-button-icon-start mud-button-icon-size-medium");
        builder.AddContent(2, PlainIcons.Svg(icon));
        builder.CloseElement();
    };

    private void CloseExportOnEscape(KeyboardEventArgs e) => _exportOpen &= e.Key != "Escape";

    /// <summary>
    /// Searches once typing pauses for <see cref="SearchPause"/>, as a search box should; each keystroke restarts the wait.
    /// What is typed is not rendered back: the browser already shows it, and a render of an older keystroke's text
    /// arriving while the user types on would overwrite the newer characters in the box.
    /// </summary>
    private async Task OnSearchInput(ChangeEventArgs e)
    {
        var text = _typed = e.Value as string ?? "";
        StopSearchPause();
        var pause = _searchPause = CancellationTokenSource.CreateLinkedTokenSource(Leaving);
        try
        {
            await Task.Delay(SearchPause, pause.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _searchPause = null;
        pause.Dispose();
        OnTextChanged(text);
    }

    /// <summary>Leaving the box searches at once: there is nothing left to wait for.</summary>
    private void OnSearchLeft()
    {
        _searchFocused = false;
        StopSearchPause();
        if (_typed is { } typed)
        {
            // What the box shows, so that a later address renders against it.
            _text = typed;
            if ((Blank(typed) ?? "") != (Blank(Text) ?? ""))
            {
                OnTextChanged(typed);
            }
        }
    }

    private void ClearSearch()
    {
        StopSearchPause();
        _typed = null;
        OnTextChanged(null);
    }

    private void StopSearchPause()
    {
        _searchPause?.Cancel();
        _searchPause?.Dispose();
        _searchPause = null;
    }

    private void OnTextChanged(string? text)
    {
        Navigate(new() { ["q"] = Blank(text) });
    }

    // A group belongs to a namespace: choosing another namespace drops the group filter.
    private void OnNamespaceChanged(string? ns) => Navigate(new() { ["ns"] = Blank(ns), ["group"] = null });

    private void OnGroupChanged(string? group) => Navigate(new() { ["group"] = Blank(group) });

    private void OnSeverityChanged(string? severity) => Navigate(new() { ["severity"] = Blank(severity) });

    private void OnKindChanged(string? kind) => Navigate(new() { ["kind"] = Blank(kind) });

    private void OnHasFindingsChanged(bool on) => Navigate(new() { ["findings"] = on ? "true" : null });

    private void OnLiveChanged(string? state) => Navigate(new() { ["live"] = Blank(state) });

    private void OnTeamChanged(string? team) => Navigate(new() { ["team"] = Blank(team) });

    private void OnLintChanged(string? lint) => Navigate(new() { ["lint"] = Blank(lint) });

    private void ClearFilters() => Navigation.NavigateTo(PortalRoutes.Rules, replace: true);

    private void Navigate(Dictionary<string, object?> changes) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(changes), replace: true);

    private async Task OpenImportAsync()
    {
        var parameters = new DialogParameters<ImportDialog> { { d => d.Namespace, Namespace } };
        var dialog = await Dialogs.ShowAsync<ImportDialog>("Import rules", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, BackdropClick = false });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string imported })
        {
            await ReloadAfterImportAsync(imported);
        }
    }

    /// <summary>The starter pack is an import like any other: the dialog previews it, and nothing is written until the user imports.</summary>
    private async Task LoadStarterPackAsync()
    {
        if (Busy)
        {
            return;
        }

        var teamReady = await RunAsync(async ct =>
        {
            // Its team is made the first time (an Admin's right; an Editor of the team finds it there already).
            if (User.Caller.IsAdmin && (await Teams.ListAsync(ct)).All(t => t.Name != StarterPack.Team))
            {
                await Teams.CreateAsync(User.Caller, StarterPack.Team, "The portal's own stack (starter pack)", ct);
            }
        }, $"The starter pack's team {StarterPack.Team} could not be made", Toast);
        if (!teamReady)
        {
            return;
        }

        var parameters = new DialogParameters<ImportDialog>
        {
            { d => d.Namespace, StarterPack.Namespace },
            { d => d.Text, StarterPack.Yaml },
            { d => d.FileName, StarterPack.FileName },
            { d => d.Team, StarterPack.Team },
            { d => d.PreviewOnOpen, true },
        };
        var dialog = await Dialogs.ShowAsync<ImportDialog>("Load the starter pack", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false, Data: string imported })
        {
            await ReloadAfterImportAsync(imported);
        }
    }

    /// <summary>After the namespace menu: a deleted namespace leaves the filter, a renamed one is followed.</summary>
    private async Task OnFilteredNamespaceChangedAsync(NamespaceSummary? changed)
    {
        await LoadNamespacesAsync();
        Navigation.NavigateTo(changed is null ? PortalRoutes.Rules : PortalRoutes.RulesIn(changed.Name), replace: true);
    }

    /// <summary>Shows what was just imported: the list filtered by its namespace.</summary>
    private async Task ReloadAfterImportAsync(string @namespace)
    {
        await LoadNamespacesAsync();
        if (Namespace == @namespace)
        {
            _groupsOf = null;
            await LoadGroupsAsync();
            await LoadPageAsync();
            return;
        }

        // The new address reloads the list.
        Navigation.NavigateTo(PortalRoutes.RulesIn(@namespace), replace: true);
    }

    private string ExportLink(string format) =>
        $"/rules/export?format={format}" + (Namespace is { } ns ? "&namespace=" + Uri.EscapeDataString(ns) : "");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
