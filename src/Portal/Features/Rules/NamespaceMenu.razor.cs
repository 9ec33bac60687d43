using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Infrastructure.Catalog;
using Portal.Security;

namespace Portal.Features.Rules;

/// <summary>
/// What can be done to a namespace as a whole: rename it or hand it to another team, archive or unarchive it,
/// see its deleted rules, delete it. Tells the parent through <see cref="Changed"/> (null: it was deleted).
/// </summary>
public partial class NamespaceMenu : PortalComponent
{
    [Parameter, EditorRequired]
    public NamespaceSummary Namespace { get; set; } = null!;

    [Parameter]
    public EventCallback<NamespaceSummary?> Changed { get; set; }

    [Inject]
    public required ICatalogLifecycle Lifecycle { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    /// <summary>The access policy's reason when the user may not change this namespace (a namespace without a team is an Admin's to set).</summary>
    private string? ReadOnlyReason => User.Refusal(Domain.Access.PortalAction.EditRules, Namespace.Team);

    private bool MayChange => ReadOnlyReason is null;

    public async Task OpenSettingsAsync()
    {
        var parameters = new DialogParameters<NamespaceSettingsDialog> { { d => d.Namespace, Namespace } };
        var dialog = await Dialogs.ShowAsync<NamespaceSettingsDialog>($"Namespace {Namespace.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false, Data: NamespaceSummary changed })
        {
            Snackbar.Add($"Saved namespace {changed.Name} (team {changed.Team}).", Severity.Success);
            await Changed.InvokeAsync(changed);
        }
    }

    private async Task ToggleArchiveAsync()
    {
        var archive = !Namespace.Archived;
        if (archive && await Dialogs.ShowMessageBoxAsync($"Archive {Namespace.Name}?",
                "Its rules stay here, read-only, and the next publish removes its rule file so Prometheus stops evaluating them. " +
                "Unarchive it to change or publish them again.", yesText: "Archive", cancelText: "Cancel") != true)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var result = await Lifecycle.ChangeNamespaceAsync(Namespace.Name, new(Archived: archive, Version: Namespace.Version), User.Caller, ct);
            if (result.Succeeded)
            {
                Snackbar.Add(archive ? $"Archived {Namespace.Name}: the next publish removes its file." : $"{Namespace.Name} is active again.", Severity.Success);
                await Changed.InvokeAsync(result.Value);
            }
            else
            {
                Snackbar.Add($"Nothing was changed: {string.Join(" ", result.Errors.Select(e => e.Message))}", Severity.Error);
            }
        }, "Nothing was changed", Toast);
    }

    private async Task OpenDeleteAsync()
    {
        var parameters = new DialogParameters<DeleteNamespaceDialog> { { d => d.Namespace, Namespace } };
        var dialog = await Dialogs.ShowAsync<DeleteNamespaceDialog>("Delete namespace", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"Deleted namespace {Namespace.Name}: the next publish removes its file.", Severity.Success);
            await Changed.InvokeAsync(null);
        }
    }
}
