using MudBlazor;
using Portal.Components;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>Saving, conflicts, restore and delete: every outcome keeps what the user typed unless they chose otherwise.</summary>
public partial class RuleEditorPage
{
    /// <param name="over">The stored rule to save over (theirs, after a conflict); by default the one the form started from.</param>
    private async Task SaveAsync(RuleDetail? over = null)
    {
        if (Busy)
        {
            return;
        }

        Recompute();
        var groupId = _detail?.GroupId ?? _groupId;
        if (groupId is null)
        {
            _serverErrors = [new FieldError("group", "Choose the group the rule goes into.")];
            return;
        }

        if (_errors.Count > 0)
        {
            // Shown inline even on a new, untouched rule from now on.
            _serverErrors = _errors;
            Snackbar.Add($"Not saved: fix the {RuleDisplay.Plural(_errors.Count, "problem")} marked in the form.", Severity.Warning);
            return;
        }

        var content = _content;
        StoreResult<RuleDetail>? result = null;
        await RunAsync(async ct =>
        {
            var reason = string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim();
            var basis = over ?? _detail;
            // The content version shown lets the store tell a real conflict from a neighbour's reordering.
            var edit = new RuleEdit(_detail?.Id, groupId.Value, content, basis?.Version ?? 0, reason, basis?.VersionNumber);
            result = await Store.SaveAsync(edit, User.Caller, ct);
        }, "Not saved", Toast);

        if (result is not null)
        {
            await HandleSaveAsync(result, content);
        }
    }

    private async Task HandleSaveAsync(StoreResult<RuleDetail> result, RuleContent content)
    {
        switch (result.Outcome)
        {
            case StoreOutcome.Saved when result.Value is { } saved:
                var created = _detail is null;
                _reason = null;
                await ShowAsync(saved);
                Snackbar.Add($"Saved version {saved.VersionNumber}", Severity.Success);
                if (created)
                {
                    Navigation.NavigateTo(PortalRoutes.RuleEditorFor(saved.Id), replace: true);
                }

                break;
            case StoreOutcome.Unchanged:
                if (result.Value is { } same)
                {
                    await ShowAsync(same);
                }

                Snackbar.Add("Nothing changed", Severity.Info);
                break;
            case StoreOutcome.Invalid:
                _serverErrors = result.Errors;
                Snackbar.Add("Not saved: see the marked fields.", Severity.Warning);
                break;
            case StoreOutcome.Conflict:
                await ResolveConflictAsync(result.Current, content);
                break;
            default:
                Snackbar.Add("Not saved: " + string.Join("; ", result.Errors.Select(e => e.Message)), Severity.Error);
                break;
        }
    }

    private async Task ResolveConflictAsync(RuleDetail? theirs, RuleContent mine)
    {
        if (theirs is null)
        {
            Snackbar.Add("Someone else changed or deleted this rule meanwhile; nothing was saved. Reload the page to see it.", Severity.Warning);
            return;
        }

        var parameters = new DialogParameters<ConflictDialog>
        {
            { d => d.Theirs, theirs },
            { d => d.Mine, mine },
            { d => d.Group, _group ?? new GroupContext(theirs.Group) },
        };
        var dialog = await Dialogs.ShowAsync<ConflictDialog>("Someone else changed this rule", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, BackdropClick = false, CloseButton = false });
        var choice = await dialog.Result;
        switch (choice?.Data)
        {
            case ConflictDialog.Choice.KeepMine when !choice.Canceled:
                await SaveAsync(theirs);
                break;
            case ConflictDialog.Choice.TakeTheirs when !choice.Canceled:
                await ShowAsync(theirs);
                Snackbar.Add($"Loaded version {theirs.VersionNumber} by {theirs.UpdatedBy}", Severity.Info);
                break;
        }
    }

    private async Task OnRestored(RuleDetail restored)
    {
        await ShowAsync(restored);
    }

    private async Task DeleteAsync()
    {
        if (Busy || _detail is not { } detail)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete {detail.Content.Name}?",
            $"The rule leaves {detail.Namespace} / {detail.Group} and is left out of the next publication.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var result = await Store.DeleteAsync(detail.Id, detail.Version, User.Caller, ct);
            switch (result.Outcome)
            {
                case StoreOutcome.Saved or StoreOutcome.Unchanged:
                    Snackbar.Add($"Deleted {detail.Content.Name}", Severity.Success);
                    // Nothing left to lose: the navigation lock lets the page go.
                    _baseline = _form.Copy();
                    Navigation.NavigateTo(PortalRoutes.RulesIn(detail.Namespace));
                    break;
                case StoreOutcome.Conflict:
                    Snackbar.Add("Not deleted: someone changed the rule since you opened it. Reload the page to see their version.", Severity.Warning);
                    break;
                default:
                    Snackbar.Add("Not deleted: " + string.Join("; ", result.Errors.Select(e => e.Message)), Severity.Error);
                    break;
            }
        }, "Not deleted", Toast);
    }
}
