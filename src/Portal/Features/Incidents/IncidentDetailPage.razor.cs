using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;
using Portal.Security;

namespace Portal.Features.Incidents;

/// <summary>
/// One incident: the status workflow and response times, the writeup (Markdown with a preview, a draft in the browser:
/// <c>IncidentDetailPage.Draft.cs</c>), timeline and action items (sections that save on their own), and the evidence column.
/// Saving the header and writeup carries the version; a conflict shows both and keeps the unsaved text.
/// </summary>
public partial class IncidentDetailPage : PortalComponent
{
    private IncidentDetail? _incident;
    private bool _missing;
    private IReadOnlyList<SeverityLevel> _levels = [];
    private IReadOnlyList<string> _notices = [];
    private ResponseTimes _times = new(null, null, null, null);
    private string _title = "";
    private string _body = "";
    private string _bodyShown = "";
    private string _savedBody = "";
    private int _bodyKey;
    private RenderedRunbook _preview = RunbookMarkdown.Render("", liveBlocks: false);
    private IReadOnlyList<FieldError> _errors = [];

    [Inject]
    public required IIncidentStore Store { get; init; }

    [Inject]
    public required IIncidentEvidence Evidence { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required IncidentNotices Notices { get; init; }

    [Parameter]
    public Guid Id { get; set; }

    private bool IsDirty => _incident is { } incident && (_body != _savedBody || _title != incident.Title);

    private string? ErrorFor(string field)
    {
        var messages = _errors.Where(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase)).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_incident?.Id == Id)
        {
            return;
        }

        _notices = Notices.Take(Id);
        await RunAsync(async ct =>
        {
            _levels = await Store.SeverityLevelsAsync(ct);
            var incident = await Store.FindAsync(Id, ct);
            _missing = incident is null;
            if (incident is not null)
            {
                Show(incident);
            }
        }, "The incident could not be loaded");
    }

    /// <summary>Puts a stored incident on the page, as the new baseline of "unsaved".</summary>
    private void Show(IncidentDetail incident)
    {
        Hold(incident);
        _incident = incident;
        _title = incident.Title;
        _savedBody = incident.Body;
        ReplaceBody(incident.Body);
        _errors = [];
        Measure();
    }

    /// <summary>
    /// Versions this page saved or took, for LiveChanges to know their notices as this page's own. One click can save
    /// twice (resolving, then retaking the chart) with no render in between, so the version shown is not enough.
    /// </summary>
    private readonly HashSet<string> _held = [];

    private void Hold(IncidentDetail incident)
    {
        if (_incident?.Id != incident.Id)
        {
            _held.Clear();
        }

        _held.Add(incident.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void Measure() => _times = _incident is { } incident
        ? IncidentClock.Measure(incident.StartedAt, incident.Timeline, _levels.FirstOrDefault(l => l.Name == incident.Severity))
        : new(null, null, null, null);

    private void ReplaceBody(string body)
    {
        _body = body;
        _bodyShown = body;
        _bodyKey++;
        _tooLarge = false;
        _preview = RunbookMarkdown.Render(body, liveBlocks: false);
    }

    /// <summary>A timeline entry or action item was saved: the section holds the stored incident now.</summary>
    private void OnPartChanged(IncidentDetail incident)
    {
        // The writeup being typed stays; only the parts and the version move on.
        Hold(incident);
        _incident = incident with { Title = _incident?.Title ?? incident.Title };
        Measure();
    }

    /// <summary>
    /// On resolving, the alerts' resolving is read from ALERTS: it happened after the incident started, so the start did
    /// not see it. A failure is a notice only; the resolve itself is saved.
    /// </summary>
    private async Task RefreshTimelineAsync(Guid id)
    {
        StoreResult<TimelineRefresh>? result = null;
        await RunAsync(async ct => result = await Store.RefreshFromAlertsAsync(id, User.Caller, ct), "The alerts' resolving was not read",
            sentence => Snackbar.Add(sentence, Severity.Warning));
        switch (result)
        {
            case { Succeeded: true, Value: { } refresh }:
                OnPartChanged(refresh.Incident);
                if (refresh.Added > 0 || refresh.Problems.Count > 0)
                {
                    Snackbar.Add(IncidentDisplay.Refreshed(refresh), refresh.Problems.Count > 0 ? Severity.Warning : Severity.Info);
                }

                break;
            case not null:
                Snackbar.Add("The alerts' resolving was not read: " + string.Join(" ", result.Errors.Select(e => e.Message)), Severity.Warning);
                break;
        }
    }

    /// <summary>
    /// Someone (here or on another replica) added or removed a timeline entry or an action item, or read ALERTS again:
    /// those parts are appended by everyone and carry no version, so the page takes them as stored now without asking.
    /// The writeup being typed stays. The row's version is taken too only when nobody saved the header meanwhile (the
    /// same revision): then it moved because the chart was retaken, and a save on the old one would conflict for nothing.
    /// </summary>
    private async Task OnLiveChangedAsync(Portal.Infrastructure.Cluster.ChangeNotice notice)
    {
        if (notice.Revision is not null || _incident is not { } shown)
        {
            return;
        }

        IncidentDetail? fresh = null;
        await RunAsync(async ct => fresh = await Store.FindAsync(shown.Id, ct), "The timeline could not be brought up to date", Toast, background: true);
        if (fresh is null || _incident is not { } now || now.Id != fresh.Id)
        {
            return;
        }

        _incident = now with
        {
            Timeline = fresh.Timeline, Actions = fresh.Actions, Chart = fresh.Chart,
            Version = fresh.Revision == now.Revision ? fresh.Version : now.Version,
        };
        Measure();
        StateHasChanged();
    }

    private Task MoveToAsync(IncidentStatus status) => SaveAsync(status: status);

    /// <summary>A severity picked in the header: saved at once, like a status move (with the writeup as it is now).</summary>
    private Task ChangeSeverityAsync(string severity) =>
        _incident is { } incident && severity != incident.Severity ? SaveAsync(severity: severity) : Task.CompletedTask;

    /// <summary>The levels to pick from, with the incident's own when it is a level since removed (so the select can show it).</summary>
    private IEnumerable<string> SeverityChoices => _incident is { } incident && _levels.All(l => l.Name != incident.Severity)
        ? _levels.Select(l => l.Name).Prepend(incident.Severity)
        : _levels.Select(l => l.Name);

    private string SeverityText(string name) => _levels.FirstOrDefault(l => l.Name == name) is { } level
        ? $"{level.Name} (respond within {IncidentClock.Format(level.ExpectedResponse)})"
        : name;

    /// <param name="over">The stored incident to save over (theirs, after a conflict); by default the one on the page.</param>
    /// <param name="status">A new status; by default the current one.</param>
    /// <param name="severity">A new severity; by default the current one.</param>
    private async Task SaveAsync(IncidentDetail? over = null, IncidentStatus? status = null, string? severity = null)
    {
        if (Busy || _incident is not { } incident)
        {
            return;
        }

        var body = await CurrentBodyAsync();
        if (body is null)
        {
            Snackbar.Add("Not saved: the writeup is over 1 MB.", Severity.Warning);
            return;
        }

        var basis = over ?? incident;
        var edit = new IncidentEdit(incident.Id, _title.Trim(), status ?? basis.Status, severity ?? basis.Severity, body, basis.Version,
            status is { } moved ? $"Status: {moved}" : severity is { } graded ? $"Severity: {graded}" : null);
        StoreResult<IncidentDetail>? result = null;
        await RunAsync(async ct => result = await Store.SaveAsync(edit, User.Caller, ct), "Not saved", Toast);
        switch (result)
        {
            case { Succeeded: true, Value: { } saved }:
                await ClearDraftAsync();
                Show(saved);
                Snackbar.Add(status is { } s ? $"Moved to {s}" : severity is { } g ? $"Severity is {g} now" : $"Saved revision {saved.Revision}",
                    Severity.Success);
                if (status == IncidentStatus.Resolved && (saved.Rule is not null || saved.Alert is not null))
                {
                    await RefreshTimelineAsync(saved.Id);
                }

                break;
            case { Outcome: StoreOutcome.Conflict }:
                await ResolveConflictAsync(edit, status, severity);
                break;
            case { Outcome: StoreOutcome.Invalid }:
                _errors = result.Errors;
                Snackbar.Add("Not saved: see the marked fields.", Severity.Warning);
                break;
            case not null:
                Error = "Not saved: " + string.Join(" ", result.Errors.Select(e => e.Message));
                break;
        }
    }

    private async Task ResolveConflictAsync(IncidentEdit mine, IncidentStatus? status, string? severity)
    {
        IncidentDetail? theirs = null;
        await RunAsync(async ct => theirs = await Store.FindAsync(mine.Id, ct), "Their version could not be loaded", Toast);
        if (theirs is null)
        {
            Snackbar.Add("Someone else changed this incident meanwhile; nothing was saved, and your text is still here.", Severity.Warning);
            return;
        }

        var parameters = new DialogParameters<IncidentConflictDialog> { { d => d.Theirs, theirs }, { d => d.Mine, mine } };
        var dialog = await Dialogs.ShowAsync<IncidentConflictDialog>("Someone else changed this incident", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, BackdropClick = false, CloseButton = false });
        var choice = await dialog.Result;
        switch (choice?.Data)
        {
            case IncidentConflictDialog.Choice.KeepMine when !choice.Canceled:
                await SaveAsync(theirs, status, severity);
                break;
            case IncidentConflictDialog.Choice.TakeTheirs when !choice.Canceled:
                await ClearDraftAsync();
                Show(theirs);
                Snackbar.Add($"Loaded revision {theirs.Revision} by {theirs.UpdatedBy}", Severity.Info);
                break;
            default:
                // Decide later: nothing changes on the page, the text typed stays, and saving again asks again.
                break;
        }
    }
}
