using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Capacity;
using Portal.Domain.Catalog;
using Portal.Features.Runbooks;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Runbooks;
using Portal.Security;

namespace Portal.Features.Capacity;

/// <summary>
/// Creates, changes or deletes one capacity model. A limit of zero or below is refused at its field before anything
/// is sent; the store's field errors are shown at the fields they name; a conflict offers both versions. The form
/// keeps what was typed whatever the answer. Closes with the saved row, or true after a delete.
/// </summary>
public partial class CapacityModelDialog : PortalComponent
{
    private CapacityForm _form = new();
    private IReadOnlyList<FieldError> _errors = [];
    private IReadOnlyList<string> _teams = [];
    private IReadOnlyList<RunbookSummary> _runbooks = [];
    private uint _version;
    private bool _saving;
    private bool _confirmDelete;
    private string? _refusal;

    [CascadingParameter]
    public IMudDialogInstance? MudDialog { get; set; }

    /// <summary>The model to edit; null creates one.</summary>
    [Parameter]
    public CapacityModelRow? Model { get; set; }

    [Inject]
    public required ICapacityStore Store { get; init; }

    [Inject]
    public required IRunbookStore Runbooks { get; init; }

    [Inject]
    public required ITeams Teams { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    /// <summary>The teams the user may write for, and the model's own team even when they may not (the store will say so).</summary>
    private IEnumerable<string> TeamChoices => _form.Team is { } team && !_teams.Contains(team) ? _teams.Prepend(team) : _teams;

    private string? LimitError => _form.LimitProblem(_saving) ?? ErrorFor("limit");

    private string UnitWord => string.IsNullOrWhiteSpace(_form.Unit) ? "in the model's unit" : _form.Unit.Trim();

    /// <summary>Errors naming no field of the form, said above it.</summary>
    private string? GeneralErrors => string.Join(" ", _errors.Where(e => !OnAField(e.Field)).Select(e => e.Message));

    private static readonly string[] FormFields = ["name", "team", "usageQuery", "limit", "warning", "critical", "marks", "unit", "runbookSlug", "description"];

    private static bool OnAField(string field) => FormFields.Any(f => Names(field, f));

    // "marks" also collects "marks[2].name" unless the row itself is asked for; "limit" also takes "limit.query".
    private static bool Names(string field, string asked) =>
        string.Equals(field, asked, StringComparison.OrdinalIgnoreCase)
        || field.StartsWith(asked + ".", StringComparison.OrdinalIgnoreCase)
        || field.StartsWith(asked + "[", StringComparison.OrdinalIgnoreCase);

    private string? ErrorFor(string field)
    {
        var messages = _errors.Where(e => Names(e.Field, field)).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    protected override async Task OnInitializedAsync()
    {
        if (Model is { } row)
        {
            _form = CapacityForm.From(row);
            _version = row.Version;
        }

        await RunAsync(async ct =>
        {
            _teams = await RunbookDisplay.WritableTeamsAsync(User.Caller, Teams, ct);
            _form.Team ??= _teams.Count == 1 ? _teams[0] : null;
            _runbooks = await Runbooks.ListAsync(ct);
        }, "The teams and runbooks could not be loaded");
    }

    private void OnLimitKindChanged(bool isQuery)
    {
        _form.LimitIsQuery = isQuery;
        _errors = _errors.Where(e => !Names(e.Field, "limit")).ToList();
    }

    private void OnLimitValueChanged(double? value)
    {
        _form.LimitValue = value;
        _errors = _errors.Where(e => !Names(e.Field, "limit")).ToList();
    }

    private string RunbookTitle(string? slug) =>
        slug is null ? "" : _runbooks.FirstOrDefault(r => r.Slug == slug)?.Title ?? slug;

    private Task<IEnumerable<string>> SearchRunbooksAsync(string? text, CancellationToken ct)
    {
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Task.FromResult(_runbooks
            .Where(r => words.All(w => r.Title.Contains(w, StringComparison.OrdinalIgnoreCase)
                || r.Slug.Contains(w, StringComparison.OrdinalIgnoreCase) || r.Tags.Any(t => t.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).Select(r => r.Slug));
    }

    /// <param name="over">The version to save over (theirs, after a conflict); by default the one the form started from.</param>
    private async Task SaveAsync(uint? over = null)
    {
        if (Busy)
        {
            return;
        }

        _refusal = null;
        _saving = true;
        if (_form.LimitProblem(saving: true) is not null)
        {
            // Refused here, before the store: the field says why, and everything typed stays.
            _errors = [];
            return;
        }

        var spec = _form.ToSpec();
        var local = CapacityValidation.Validate(spec);
        if (local.Count > 0)
        {
            _errors = local;
            return;
        }

        var edit = new CapacityModelEdit(Model?.Id, _form.Team ?? "", spec, over ?? _version);
        StoreResult<CapacityModelRow>? result = null;
        await RunAsync(async ct => result = await Store.SaveModelAsync(edit, User.Caller, ct), "Not saved");
        if (result is not null)
        {
            await HandleSaveAsync(result, edit);
        }
    }

    private async Task HandleSaveAsync(StoreResult<CapacityModelRow> result, CapacityModelEdit edit)
    {
        _errors = [];
        switch (result.Outcome)
        {
            case StoreOutcome.Saved or StoreOutcome.Unchanged when result.Value is { } saved:
                Snackbar.Add(result.Outcome == StoreOutcome.Saved ? $"Saved {saved.Spec.Name}." : "Nothing changed.",
                    result.Outcome == StoreOutcome.Saved ? Severity.Success : Severity.Info);
                MudDialog?.Close(DialogResult.Ok(saved));
                break;
            case StoreOutcome.Invalid:
                _errors = result.Errors;
                break;
            case StoreOutcome.Conflict:
                await ResolveConflictAsync(edit);
                break;
            case StoreOutcome.Forbidden:
                _refusal = "Not saved: " + string.Join(" ", result.Errors.Select(e => e.Message));
                break;
            case StoreOutcome.NotFound:
                _refusal = "Not saved: the model was deleted meanwhile. Saving again after closing this would need a new model; your input is still here.";
                break;
            default:
                _refusal = "Not saved: " + string.Join(" ", result.Errors.Select(e => e.Message));
                break;
        }
    }

    private async Task ResolveConflictAsync(CapacityModelEdit mine)
    {
        CapacityModelRow? theirs = null;
        if (Model is { } model)
        {
            await RunAsync(async ct => theirs = await Store.ModelAsync(model.Id, ct), "Their version could not be loaded");
        }

        if (theirs is null)
        {
            _refusal = "Someone else changed or deleted this model meanwhile; nothing was saved, and your input is still here.";
            return;
        }

        var parameters = new DialogParameters<CapacityConflictDialog>
        {
            { d => d.Theirs, theirs },
            { d => d.MineTeam, mine.Team },
            { d => d.Mine, mine.Spec },
        };
        var dialog = await Dialogs.ShowAsync<CapacityConflictDialog>("Someone else changed this model", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false, CloseButton = false });
        var choice = await dialog.Result;
        switch (choice?.Data)
        {
            case CapacityConflictDialog.Choice.KeepMine when !choice.Canceled:
                await SaveAsync(theirs.Version);
                break;
            case CapacityConflictDialog.Choice.TakeTheirs when !choice.Canceled:
                _form = CapacityForm.From(theirs);
                _version = theirs.Version;
                Snackbar.Add($"Loaded the version {theirs.UpdatedBy} saved.", Severity.Info);
                break;
        }
    }

    private async Task DeleteAsync()
    {
        if (Busy || Model is not { } model)
        {
            return;
        }

        StoreResult<bool>? result = null;
        await RunAsync(async ct => result = await Store.DeleteModelAsync(model.Id, _version, User.Caller, ct), "Not deleted");
        _confirmDelete = false;
        switch (result)
        {
            case { Succeeded: true }:
                Snackbar.Add($"Deleted {model.Spec.Name}.", Severity.Success);
                MudDialog?.Close(DialogResult.Ok(true));
                break;
            case { Outcome: StoreOutcome.Conflict }:
                _refusal = "Not deleted: someone else changed this model since you opened it. Close this and look at their version first.";
                break;
            case { } refused:
                _refusal = "Not deleted: " + string.Join(" ", refused.Errors.Select(e => e.Message));
                break;
        }
    }

    private void Cancel() => MudDialog?.Cancel();
}
