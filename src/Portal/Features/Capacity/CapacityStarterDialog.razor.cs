using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Access;
using Portal.Domain.Capacity;
using Portal.Features.Runbooks;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Identity;
using Portal.Security;

namespace Portal.Features.Capacity;

/// <summary>
/// The starter set as a preview (what would be created, for which team), then one all-or-nothing
/// <see cref="ICapacityStore.ImportStarterAsync"/>. Closes with the number created; a refusal stays in the dialog.
/// </summary>
public partial class CapacityStarterDialog : PortalComponent
{
    private IReadOnlyList<string> _teams = [];
    private string? _team;
    private bool _teamsLoaded;

    [CascadingParameter]
    public IMudDialogInstance? MudDialog { get; set; }

    [Parameter, EditorRequired]
    public CapacityStarterSet Set { get; set; } = StarterCapacity.Set;

    [Inject]
    public required ICapacityStore Store { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required ITeams Teams { get; init; }

    private int Count => Set.Models.Count + Set.Budgets.Count + Set.Baselines.Count;

    private string? TeamRefusal => _teamsLoaded && _teams.Count == 0
        ? User.Refusal(PortalAction.EditCapacity) ?? "You are not a member of any team, so there is no team the models could belong to."
        : null;

    protected override Task OnInitializedAsync() => RunAsync(async ct =>
    {
        _teams = await RunbookDisplay.WritableTeamsAsync(User.Caller, Teams, ct);
        _team = _teams.Count == 1 ? _teams[0] : null;
        _teamsLoaded = true;
    }, "The teams could not be loaded");

    private async Task CreateAsync()
    {
        if (Busy || _team is not { } team || Count == 0)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var result = await Store.ImportStarterAsync(team, Set, User.Caller, ct);
            if (result.Succeeded)
            {
                Snackbar.Add($"Created {Rules.RuleDisplay.Plural(result.Value, "item")} for {team}.", Severity.Success);
                MudDialog?.Close(DialogResult.Ok(result.Value));
                return;
            }

            Error = "Nothing was created: " + string.Join(" ", result.Errors.Select(e => e.Message));
        }, "Nothing was created");
    }

    private void Cancel() => MudDialog?.Cancel();
}
