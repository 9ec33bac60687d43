using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Access;
using Portal.Infrastructure.Runbooks;
using Portal.Security;

namespace Portal.Features.Runbooks;

/// <summary>
/// Every runbook with its team, tags, linked rules and review date; typing searches (ranked, with the matches
/// highlighted), debounced, each keystroke cancelling the search before it. Text and filters live in the address.
/// </summary>
public partial class RunbooksPage : PortalComponent
{
    internal const int DebounceMilliseconds = 250;

    private IReadOnlyList<RunbookSummary>? _all;
    private IReadOnlyList<string> _tags = [];
    private IReadOnlyList<string> _teams = [];
    private IReadOnlyList<RunbookHit>? _hits;
    private string? _text;
    private string? _searched;
    private string? _tag;
    private string? _team;
    private bool _searching;
    private CancellationTokenSource? _search;
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Inject]
    public required IRunbookStore Store { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Query { get; set; }

    [SupplyParameterFromQuery(Name = "tag")]
    public string? Tag { get; set; }

    [SupplyParameterFromQuery(Name = "team")]
    public string? Team { get; set; }

    /// <summary>Only hides the buttons: the store checks every write itself. An Editor writes for their teams, an Admin for all.</summary>
    private bool CanWrite => User.Caller is var caller && (caller.IsAdmin || (caller.Roles.Contains(PortalRole.Editor) && caller.Teams.Count > 0));

    private IEnumerable<RunbookSummary> Filtered => (_all ?? [])
        .Where(r => _tag is null || r.Tags.Contains(_tag, StringComparer.Ordinal))
        .Where(r => _team is null || r.Team == _team)
        .OrderBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase);

    protected override async Task OnInitializedAsync()
    {
        _text = Query;
        _tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag;
        _team = string.IsNullOrWhiteSpace(Team) ? null : Team;
        await LoadAsync();
        if (_all is { Count: > 0 } && !string.IsNullOrWhiteSpace(_text))
        {
            await SearchNowAsync(NewSearch());
        }
    }

    private Task<bool> LoadAsync() => RunAsync(async ct =>
    {
        _all = await Store.ListAsync(ct);
        _now = DateTimeOffset.UtcNow;
        _tags = _all.SelectMany(r => r.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        _teams = _all.Select(r => r.Team).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }, "The runbooks could not be loaded");

    /// <summary>
    /// The import dialog, with the starter runbooks already in its preview when <paramref name="starter"/>. One imported
    /// runbook is opened; several are shown in the list.
    /// </summary>
    private async Task OpenImportAsync(bool starter)
    {
        var parameters = new DialogParameters<RunbookImportDialog> { { d => d.Starter, starter } };
        var dialog = await Dialogs.ShowAsync<RunbookImportDialog>(starter ? "Start with the starter runbooks" : "Import runbooks", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, BackdropClick = false });
        if (await dialog.Result is not { Canceled: false, Data: IReadOnlyList<string> slugs })
        {
            return;
        }

        if (slugs is [var single])
        {
            Navigation.NavigateTo(PortalRoutes.RunbookFor(single));
            return;
        }

        await LoadAsync();
    }

    private Task OnTextChanged(string? text)
    {
        _text = text;
        return DebouncedSearchAsync();
    }

    private Task OnTagChanged(string? tag)
    {
        _tag = tag;
        return DebouncedSearchAsync(immediately: true);
    }

    private Task OnTeamChanged(string? team)
    {
        _team = team;
        return DebouncedSearchAsync(immediately: true);
    }

    private CancellationToken NewSearch()
    {
        _search?.Cancel();
        _search?.Dispose();
        _search = CancellationTokenSource.CreateLinkedTokenSource(Leaving);
        return _search.Token;
    }

    private async Task DebouncedSearchAsync(bool immediately = false)
    {
        var token = NewSearch();
        Navigation.NavigateTo(PortalRoutes.RunbooksWhere(_text, _tag, _team), replace: true);
        if (string.IsNullOrWhiteSpace(_text))
        {
            _hits = null;
            _searching = false;
            return;
        }

        try
        {
            if (!immediately)
            {
                await Task.Delay(DebounceMilliseconds, token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await SearchNowAsync(token);
    }

    private async Task SearchNowAsync(CancellationToken token)
    {
        var text = _text?.Trim() ?? "";
        _searching = true;
        StateHasChanged();
        try
        {
            var hits = await Store.SearchAsync(new RunbookSearch(text, _tag, _team), token);
            if (!token.IsCancellationRequested)
            {
                _hits = hits;
                _searched = text;
                Error = null;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer keystroke took over.
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            Error = ExpectedFailure.Sentence("The search failed", e);
        }
        finally
        {
            if (!token.IsCancellationRequested)
            {
                _searching = false;
            }
        }
    }

    protected override void Disposing()
    {
        _search?.Cancel();
        _search?.Dispose();
    }
}
