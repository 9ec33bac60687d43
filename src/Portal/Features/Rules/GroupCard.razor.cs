using Portal.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>One group of a namespace: its settings, and its rules in evaluation order with reorder and move.</summary>
public partial class GroupCard : PortalComponent
{
    private GroupDraft _draft = new("", "", null);
    private GroupSummary? _shown;
    private Dictionary<string, string> _errors = [];

    [Inject]
    public required IRuleStore Store { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Parameter, EditorRequired]
    public GroupDetail Group { get; set; } = null!;

    /// <summary>Where "Move to…" can send a rule.</summary>
    [Parameter]
    public IReadOnlyList<GroupSummary> OtherGroups { get; set; } = [];

    /// <summary>Raised after anything was written, so the page reloads the namespace.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    /// <summary>The user may not change this namespace: the group is shown without its edit, add and move controls.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    protected override void OnParametersSet()
    {
        if (Group.Group != _shown)
        {
            _shown = Group.Group;
            _draft = GroupDraft.From(Group.Group);
            _errors = [];
        }
    }

    private async Task SaveAsync()
    {
        _errors = _draft.Errors();
        if (Busy || _errors.Count > 0)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var group = Group.Group;
            var result = await Store.SaveGroupAsync(_draft.ToEdit(group.Id, group.NamespaceId, group.Version), User.Caller, ct);
            switch (result.Outcome)
            {
                case StoreOutcome.Saved or StoreOutcome.Unchanged:
                    Snackbar.Add($"Saved group {_draft.Name.Trim()}", Severity.Success);
                    await Changed.InvokeAsync();
                    break;
                case StoreOutcome.Conflict:
                    Snackbar.Add("Someone changed this group meanwhile; it now shows their settings.", Severity.Warning);
                    _shown = null;
                    await Changed.InvokeAsync();
                    break;
                default:
                    _errors = GroupDraft.ErrorsFrom(result.Errors);
                    break;
            }
        }, "The group was not saved", Toast);
    }

    /// <param name="position">The rule's index in the target group's order; past the end means last.</param>
    private async Task MoveAsync(RuleListItem rule, Guid groupId, int position)
    {
        if (Busy)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var result = await Store.MoveAsync(rule.Id, rule.Version, groupId, position, User.Caller, ct);
            if (result.Outcome == StoreOutcome.Conflict)
            {
                Snackbar.Add($"{rule.Name} was changed meanwhile; the list now shows the current order.", Severity.Warning);
            }
            else if (!result.Succeeded)
            {
                Snackbar.Add($"{rule.Name} was not moved: " + string.Join("; ", result.Errors.Select(e => e.Message)), Severity.Error);
            }
            else if (groupId != Group.Group.Id)
            {
                Snackbar.Add($"Moved {rule.Name} to {OtherGroups.First(g => g.Id == groupId).Name}", Severity.Success);
            }

            await Changed.InvokeAsync();
        }, $"{rule.Name} was not moved", Toast);
    }
}
