using Portal.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>One namespace (one rule file): its groups in order, each with its rules, and a new group.</summary>
public partial class NamespacePage : PortalComponent
{
    private NamespaceDetail? _detail;
    private string? _loadedName;
    private string? _newName;
    private string? _newInterval;
    private int? _newLimit;
    private Dictionary<string, string> _newErrors = [];

    [Inject]
    public required IRuleStore Store { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private NamespaceMenu? _menu;

    /// <summary>Why the user may only read this namespace (archived, or the access policy's reason), or null when they may change it.</summary>
    private string? ReadOnlyReason => _detail is null ? null
        : _detail.Namespace.Archived ? "It is archived: unarchive it from the Namespace menu to change it."
        : User.Refusal(Domain.Access.PortalAction.EditRules, _detail.Namespace.Team);

    [Parameter]
    public string Name { get; set; } = "";

    private string? Summary => _detail is { Namespace: var ns }
        ? $"{(ns.Team.Length > 0 ? $"Team {ns.Team} · " : "")}{RuleDisplay.Plural(ns.GroupCount, "group")}, {RuleDisplay.Plural(ns.RuleCount, "rule")} · published as one rule file"
        : null;

    protected override async Task OnParametersSetAsync()
    {
        if (Name != _loadedName)
        {
            _loadedName = Name;
            _detail = null;
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        await RunAsync(async ct =>
        {
            _detail = await Store.NamespaceAsync(Name, ct);
            if (_detail is null)
            {
                Error = $"There is no namespace \"{Name}\".";
            }
        }, "The namespace could not be loaded");
    }

    private async Task AddGroupAsync()
    {
        if (Busy || _detail is null)
        {
            return;
        }

        var draft = new GroupDraft(_newName ?? "", _newInterval ?? "", _newLimit);
        _newErrors = draft.Errors();
        if (_newErrors.Count > 0)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var result = await Store.SaveGroupAsync(draft.ToEdit(null, _detail.Namespace.Id, 0), User.Caller, ct);
            if (result.Succeeded)
            {
                Snackbar.Add($"Added group {draft.Name.Trim()}", Severity.Success);
                (_newName, _newInterval, _newLimit) = (null, null, null);
                await ReloadAsync();
            }
            else
            {
                _newErrors = GroupDraft.ErrorsFrom(result.Errors);
            }
        }, "The group was not added", Toast);
    }

    private async Task SetTeamAsync()
    {
        if (_menu is not null && User.Caller.IsAdmin)
        {
            await _menu.OpenSettingsAsync();
        }
    }

    /// <summary>A deleted namespace has no page any more; a renamed one has a new address.</summary>
    private async Task OnNamespaceChangedAsync(NamespaceSummary? changed)
    {
        if (changed is null)
        {
            Navigation.NavigateTo(PortalRoutes.Rules);
        }
        else if (changed.Name != Name)
        {
            Navigation.NavigateTo(PortalRoutes.NamespaceFor(changed.Name));
        }
        else
        {
            await ReloadAsync();
        }
    }

    private async Task OpenImportAsync()
    {
        var parameters = new DialogParameters<ImportDialog> { { d => d.Namespace, Name } };
        var dialog = await Dialogs.ShowAsync<ImportDialog>("Import rules", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }
}
