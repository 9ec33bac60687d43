using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Access;
using Portal.Domain.Capacity;
using Portal.Infrastructure.Capacity;
using Portal.Security;

namespace Portal.Features.Capacity;

/// <summary>
/// Every capacity model as a card, grouped by team, with a count per band; the memory budgets and the service
/// baselines below. Measured by <see cref="ICapacityEvaluator"/> once a minute while the page is open; when
/// Prometheus cannot answer, the last values stay with their age.
/// </summary>
public partial class CapacityPage : PortalComponent
{
    internal static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(60);

    private static readonly CapacityBand[] SummaryBands = [CapacityBand.Ok, CapacityBand.Warning, CapacityBand.Critical, CapacityBand.Error, CapacityBand.NoData];

    private CapacityReport? _report;

    [Inject]
    public required ICapacityEvaluator Evaluator { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    /// <summary>What the empty page offers to create; the tests give their own.</summary>
    [Parameter]
    public CapacityStarterSet? Starter { get; set; }

    private bool CanWriteAny => User.Caller is var caller && (caller.IsAdmin || (caller.Roles.Contains(PortalRole.Editor) && caller.Teams.Count > 0));

    /// <summary>Only hides the buttons: the store checks every write itself.</summary>
    private bool CanWrite(string team) => User.Caller is var caller && (caller.IsAdmin || (caller.Roles.Contains(PortalRole.Editor) && caller.Teams.Contains(team)));

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        RefreshPeriodically(RefreshEvery, async () =>
        {
            await RefreshAsync();
            StateHasChanged();
        });
    }

    // A failed refresh keeps the last report on the page, under the error.
    private async Task RefreshAsync()
    {
        if (Busy || Leaving.IsCancellationRequested)
        {
            return;
        }

        await RunAsync(async ct => _report = await Evaluator.EvaluateAsync(ct), "The capacity models could not be measured");
    }

    private static IEnumerable<(CapacityBand Band, int Count)> Summary(CapacityReport report) =>
        SummaryBands.Select(band => (Band: band, Count: report.Models.Count(c => c.Assessment.Band == band)))
            .Where(s => s.Count > 0 || s.Band is not CapacityBand.NoData);

    private async Task EditAsync(CapacityModelRow? row)
    {
        var parameters = new DialogParameters<CapacityModelDialog> { { d => d.Model, row } };
        var dialog = await Dialogs.ShowAsync<CapacityModelDialog>(row is null ? "New capacity model" : $"Edit {row.Spec.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false })
        {
            await RefreshAsync();
        }
    }

    private async Task OpenStarterAsync()
    {
        var parameters = new DialogParameters<CapacityStarterDialog> { { d => d.Set, Starter ?? StarterCapacity.Set } };
        var dialog = await Dialogs.ShowAsync<CapacityStarterDialog>("Start with the starter set", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false })
        {
            await RefreshAsync();
        }
    }
}
