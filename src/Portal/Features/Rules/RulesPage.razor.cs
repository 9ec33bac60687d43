using Portal.Security;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>
/// The rule catalog as a server-paged grid. Every filter lives in the address (<c>?ns=&amp;group=&amp;severity=&amp;kind=&amp;q=&amp;findings=&amp;live=&amp;team=&amp;lint=</c>):
/// controls only navigate, and the grid reloads when the address changes, so a link reproduces the view.
/// </summary>
public partial class RulesPage : PortalComponent
{
    internal static readonly IReadOnlyList<string> Severities = ["critical", "warning", "info"];

    private const string NoWrap = "white-space: nowrap";

    /// <summary>How many namespaces the filter lists at once; typing narrows them.</summary>
    private const int NamespaceChoicesShown = 50;

    // The grid's cells are plain elements with MudBlazor's classes: a MudChip, MudLink or MudIcon per cell made
    // some 230 components per page of 50 rows, each holding its render tree in every open circuit.
    private static readonly MarkupString ErrorIcon = new(Icons.Material.Filled.ErrorOutline);
    private static readonly MarkupString FineIcon = new(Icons.Material.Filled.CheckCircleOutline);

    private static string Chip(string color, bool filled) =>
        $"mud-chip {(filled ? "mud-chip-filled" : "mud-chip-outlined")} mud-chip-size-small mud-chip-color-{color}";

    private static string CellLink(bool inherit) =>
        $"mud-typography mud-link {(inherit ? "mud-inherit-text" : "mud-primary-text")} mud-link-underline-hover mud-typography-body2";

    private MudDataGrid<RuleListItem>? _grid;
    private IReadOnlyList<NamespaceSummary>? _namespaces;
    private IReadOnlyList<string> _groups = [];
    private string? _groupsOf;
    private string? _text;
    private string? _loadedFilters;
    private string? _loadError;
    private Infrastructure.Live.LiveIndex? _live;
    private string? _liveError;
    private IReadOnlyList<RuleListItem> _pageItems = [];
    private string _pagerInfo = ExactInfo;

    private const string ExactInfo = "{first_item}-{last_item} of {all_items}";

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
        _text = Text;
        var filters = FilterKey();
        if (_loadedFilters is not null && filters != _loadedFilters && _grid is not null)
        {
            // A changed filter starts again at the first page; the grid then asks LoadPageAsync.
            if (_grid.CurrentPage != 0)
            {
                _grid.NavigateTo(Page.First);
            }
            else
            {
                await _grid.ReloadServerData();
            }
        }

        await LoadGroupsAsync();
    }

    /// <summary>Someone saved a rule, group or namespace (here or on another replica): the counts and the page shown.</summary>
    private async Task OnCatalogChangedAsync()
    {
        await LoadNamespacesAsync();
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task LoadNamespacesAsync()
    {
        _loadError = null;
        await RunAsync(async ct => _namespaces = await Store.NamespacesAsync(ct), "The rule catalog cannot be read",
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

    private async Task<GridData<RuleListItem>> LoadPageAsync(GridState<RuleListItem> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = CurrentQuery() with
        {
            Sort = SortOf(sort?.SortBy),
            Descending = sort?.Descending ?? false,
            Skip = state.Page * state.PageSize,
            Take = state.PageSize,
        };
        _loadedFilters = FilterKey();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, Leaving);
            await LoadLiveAsync(linked.Token);
            var wanted = Domain.Live.LiveText.Parse(LiveState);
            if (wanted is not null && _live is null)
            {
                // Without live data the filter cannot be applied; an empty list would read as "none is firing".
                _pageItems = [];
                return new GridData<RuleListItem> { Items = [], TotalItems = 0 };
            }

            var page = await Store.ListAsync(_live is null ? query : WithLive(query, wanted, _live), linked.Token);
            _pageItems = page.Items;
            _pagerInfo = PagerInfo(page);
            return new GridData<RuleListItem> { Items = page.Items, TotalItems = page.Total };
        }
        catch (OperationCanceledException)
        {
            return new GridData<RuleListItem> { Items = [], TotalItems = 0 };
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            Toast(ExpectedFailure.Sentence("The rules could not be loaded", e));
            return new GridData<RuleListItem> { Items = [], TotalItems = 0 };
        }
    }

    /// <summary>
    /// A capped count reads "10,000+": the store counted one row past the last it vouches for, so the pager's own total
    /// still offers the next page, and "last" goes as far as counting went (docs/decisions/0033-capped-rule-count.md).
    /// </summary>
    internal static string PagerInfo(RulePage page) => page.TotalIsLowerBound
        ? "{first_item}-{last_item} of " + (page.Total - 1).ToString("N0", CultureInfo.InvariantCulture) + "+"
        : ExactInfo;

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

    /// <summary>In position order, the namespace and group are written on the first row of each run only: the rows read as groups.</summary>
    private bool StartsGroup(RuleListItem rule)
    {
        var at = -1;
        for (var i = 0; i < _pageItems.Count; i++)
        {
            if (_pageItems[i].Id == rule.Id)
            {
                at = i;
                break;
            }
        }

        return at <= 0 || _pageItems[at - 1].Namespace != rule.Namespace || _pageItems[at - 1].Group != rule.Group;
    }

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

    internal static RuleSort SortOf(string? column) => column switch
    {
        nameof(RuleListItem.Name) => RuleSort.Name,
        nameof(RuleListItem.Namespace) => RuleSort.Namespace,
        nameof(RuleListItem.Severity) => RuleSort.Severity,
        nameof(RuleListItem.ErrorCount) => RuleSort.Findings,
        nameof(RuleListItem.FiresPerWeek) => RuleSort.FiresPerWeek,
        nameof(RuleListItem.UpdatedAt) => RuleSort.UpdatedAt,
        _ => RuleSort.Position,
    };

    private void OnTextChanged(string? text)
    {
        _text = text;
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
        if (Namespace == @namespace && _grid is not null)
        {
            _groupsOf = null;
            await LoadGroupsAsync();
            await _grid.ReloadServerData();
            return;
        }

        // The new address reloads the grid (or the grid appears, after the empty state, and loads itself).
        Navigation.NavigateTo(PortalRoutes.RulesIn(@namespace), replace: true);
    }

    private string ExportLink(string format) =>
        $"/rules/export?format={format}" + (Namespace is { } ns ? "&namespace=" + Uri.EscapeDataString(ns) : "");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
