using MudBlazor;
using Portal.Components;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;

namespace Portal.Features.Runbooks;

/// <summary>Saving: field errors at the fields, a conflict as a dialog with both versions, a refusal as a message; the form keeps the text.</summary>
public partial class RunbookEditorPage
{
    /// <param name="over">The stored runbook to save over (theirs, after a conflict); by default the one the form started from.</param>
    private async Task SaveAsync(RunbookDetail? over = null)
    {
        if (Busy || ReadOnlyReason is not null)
        {
            return;
        }

        var body = await CurrentBodyAsync();
        if (body is null)
        {
            Snackbar.Add("Not saved: " + TooLargeText, Severity.Warning);
            return;
        }

        var basis = over ?? _detail;
        var edit = new RunbookEdit(_detail?.Slug, _slug.Trim(), _title.Trim(), _tags.ToList(), _team ?? "", body, _review,
            basis?.Version, string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim());
        StoreResult<RunbookDetail>? result = null;
        await RunAsync(async ct => result = await Store.SaveAsync(edit, User.Caller, ct), "Not saved", Toast);
        if (result is not null)
        {
            await HandleSaveAsync(result, edit);
        }
    }

    private async Task HandleSaveAsync(StoreResult<RunbookDetail> result, RunbookEdit edit)
    {
        _refusal = null;
        switch (result.Outcome)
        {
            case StoreOutcome.Saved or StoreOutcome.Unchanged when result.Value is { } saved:
                var draftKey = DraftKey;
                Show(saved);
                _reason = null;
                await ClearDraftAsync(draftKey);
                Snackbar.Add(result.Outcome == StoreOutcome.Saved ? $"Saved revision {saved.Revision}" : "Nothing changed", 
                    result.Outcome == StoreOutcome.Saved ? Severity.Success : Severity.Info);
                // Nothing is unsaved now, so the navigation lock lets the page go.
                Navigation.NavigateTo(PortalRoutes.RunbookFor(saved.Slug));
                break;
            case StoreOutcome.Invalid:
                _errors = result.Errors;
                Snackbar.Add("Not saved: see the marked fields.", Severity.Warning);
                break;
            case StoreOutcome.Conflict:
                await ResolveConflictAsync(edit);
                break;
            case StoreOutcome.Forbidden:
                _refusal = "Not saved: " + string.Join(" ", result.Errors.Select(e => e.Message));
                break;
            case StoreOutcome.NotFound:
                _refusal = "Not saved: the runbook was deleted meanwhile. Copy your text before leaving; creating it anew keeps it.";
                break;
            default:
                Snackbar.Add("Not saved: " + string.Join("; ", result.Errors.Select(e => e.Message)), Severity.Error);
                break;
        }
    }

    private async Task ResolveConflictAsync(RunbookEdit mine)
    {
        RunbookDetail? theirs = null;
        if (_detail is { } detail)
        {
            await RunAsync(async ct => theirs = (await Store.FindAsync(detail.Slug, ct)).Runbook, "Their version could not be loaded", Toast);
        }

        if (theirs is null)
        {
            Snackbar.Add("Someone else changed, renamed or deleted this runbook meanwhile; nothing was saved, and your text is still here.", Severity.Warning);
            return;
        }

        var parameters = new DialogParameters<RunbookConflictDialog>
        {
            { d => d.Theirs, theirs },
            { d => d.Mine, mine },
        };
        var dialog = await Dialogs.ShowAsync<RunbookConflictDialog>("Someone else changed this runbook", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, BackdropClick = false, CloseButton = false });
        var choice = await dialog.Result;
        switch (choice?.Data)
        {
            case RunbookConflictDialog.Choice.KeepMine when !choice.Canceled:
                await SaveAsync(theirs);
                break;
            case RunbookConflictDialog.Choice.TakeTheirs when !choice.Canceled:
                Show(theirs);
                await ClearDraftAsync();
                Snackbar.Add($"Loaded revision {theirs.Revision} by {theirs.UpdatedBy}", Severity.Info);
                break;
        }
    }
}
