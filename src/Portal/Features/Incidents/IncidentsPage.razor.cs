using Microsoft.AspNetCore.Components;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Incidents;

namespace Portal.Features.Incidents;

/// <summary>
/// Incidents newest first, a page at a time from the store (so ten thousand of them cost one page), with search and
/// filters kept in the address; typing is debounced and each keystroke cancels the query before it.
/// </summary>
public partial class IncidentsPage : PortalComponent
{
    internal const int DebounceMilliseconds = 300;

    private IncidentPage? _page;
    private IReadOnlyList<SeverityLevel> _levels = [];
    private IReadOnlyList<string> _teams = [];
    private string? _text;
    private string? _status;
    private string? _severity;
    private string? _team;
    private string? _range;
    private int _pageNumber = 1;
    private bool _loading;
    private CancellationTokenSource? _query;

    [Inject]
    public required IIncidentStore Store { get; init; }

    [Inject]
    public required ITeams Teams { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Query { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    public string? Status { get; set; }

    [SupplyParameterFromQuery(Name = "severity")]
    public string? SeverityFilter { get; set; }

    [SupplyParameterFromQuery(Name = "team")]
    public string? Team { get; set; }

    [SupplyParameterFromQuery(Name = "range")]
    public string? Range { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    private bool Filtered => !string.IsNullOrWhiteSpace(_text) || _status is not null || _severity is not null || _team is not null || _range is not null;

    private int PageCount => _page is { } page && page.PageSize > 0 ? (page.Total + page.PageSize - 1) / page.PageSize : 0;

    protected override async Task OnInitializedAsync()
    {
        _text = string.IsNullOrWhiteSpace(Query) ? null : Query;
        _status = Enum.TryParse<IncidentStatus>(Status, ignoreCase: true, out var status) ? status.ToString() : null;
        _severity = string.IsNullOrWhiteSpace(SeverityFilter) ? null : SeverityFilter;
        _team = string.IsNullOrWhiteSpace(Team) ? null : Team;
        _range = IncidentDisplay.RangeSpan(Range) is null ? null : Range;
        _pageNumber = Math.Max(1, PageNumber ?? 1);
        await RunAsync(async ct =>
        {
            _levels = await Store.SeverityLevelsAsync(ct);
            _teams = (await Teams.ListAsync(ct)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        }, "The filters could not be loaded");
        await LoadAsync(NewQuery());
    }

    /// <summary>The store's query for the current filters and page.</summary>
    internal IncidentQuery CurrentQuery(DateTimeOffset now) => new(
        Text: string.IsNullOrWhiteSpace(_text) ? null : _text.Trim(),
        Status: Enum.TryParse<IncidentStatus>(_status, out var status) ? status : null,
        Severity: _severity,
        Team: _team,
        Since: IncidentDisplay.RangeSpan(_range) is { } span ? now - span : null,
        Page: _pageNumber,
        PageSize: IncidentQueryLimits.PageSize);

    private CancellationToken NewQuery()
    {
        _query?.Cancel();
        _query?.Dispose();
        _query = CancellationTokenSource.CreateLinkedTokenSource(Leaving);
        return _query.Token;
    }

    private async Task LoadAsync(CancellationToken token)
    {
        _loading = true;
        try
        {
            var page = await Store.ListAsync(CurrentQuery(DateTimeOffset.UtcNow), token);
            if (!token.IsCancellationRequested)
            {
                _page = page;
                Error = null;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer filter or keystroke took over.
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            Error = ExpectedFailure.Sentence("The incidents could not be loaded", e);
        }
        finally
        {
            if (!token.IsCancellationRequested)
            {
                _loading = false;
            }
        }
    }

    private void WriteAddress() =>
        Navigation.NavigateTo(PortalRoutes.IncidentsWhere(_text, _status, _severity, _team, _range, _pageNumber), replace: true);

    private async Task FilterAsync(Action change)
    {
        change();
        _pageNumber = 1;
        WriteAddress();
        await LoadAsync(NewQuery());
    }

    private async Task OnTextChanged(string? text)
    {
        _text = text;
        _pageNumber = 1;
        var token = NewQuery();
        WriteAddress();
        try
        {
            await Task.Delay(DebounceMilliseconds, token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await LoadAsync(token);
    }

    private async Task GoToPageAsync(int page)
    {
        _pageNumber = page;
        WriteAddress();
        await LoadAsync(NewQuery());
    }

    protected override void Disposing()
    {
        _query?.Cancel();
        _query?.Dispose();
    }
}
