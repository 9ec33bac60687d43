using MudBlazor;
using Portal.Infrastructure.Catalog;

namespace Portal.Components.Shared;

/// <summary>
/// Restoring an earlier revision, as the history pages of runbooks and incidents offer it: ask first (nothing is deleted,
/// the old content comes back as a new revision), then say what the store answered. A conflict means someone saved
/// since the page loaded: the page reloads its history and the person looks again.
/// </summary>
public static class RevisionRestore
{
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, int number, string effect) =>
        await dialogs.ShowMessageBoxAsync($"Restore revision {number}?", effect, yesText: "Restore", cancelText: "Cancel") == true;

    /// <summary>Says the outcome; true when the history should be loaded again (restored, unchanged, or a conflict).</summary>
    public static bool Report<T>(StoreResult<T>? result, int number, Func<T, int> revisionOf, string what, ISnackbar snackbar)
    {
        switch (result)
        {
            case null:
                return false;
            case { Outcome: StoreOutcome.Saved or StoreOutcome.Unchanged, Value: { } restored }:
                snackbar.Add(result.Outcome == StoreOutcome.Saved
                    ? $"Restored revision {number} as revision {revisionOf(restored)}"
                    : $"Nothing changed: the {what} already has that content", Severity.Success);
                return true;
            case { Outcome: StoreOutcome.Conflict }:
                snackbar.Add($"Not restored: someone changed the {what} since this page loaded. The history is reloaded; look again and restore if you still want to.",
                    Severity.Warning);
                return true;
            default:
                snackbar.Add("Not restored: " + string.Join("; ", result.Errors.Select(e => e.Message)), Severity.Error);
                return false;
        }
    }
}
