using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Infrastructure.Home;
using Portal.Infrastructure.Publishing;

namespace Portal.Features.Home;

/// <summary>The portal's front page: the real state of the catalog, the alerts, the releases, capacity and runbooks, each tile leading to its page.</summary>
public partial class HomePage : PortalComponent
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);
    private const int MaxTeams = 8;
    private const int MaxRows = 5;
    private HomeSnapshot? _snapshot;

    [Inject]
    public required IHomeOverview Overview { get; init; }

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        RefreshPeriodically(RefreshEvery, LoadAsync);
    }

    private async Task LoadAsync()
    {
        if (Busy || Leaving.IsCancellationRequested)
        {
            return;
        }

        // Each tile carries its own failure; what escapes is the page's.
        await RunAsync(async ct => _snapshot = await Overview.GetAsync(ct), "The overview could not be gathered");
        StateHasChanged();
    }

    private static string Percent(int value, int most) => (100.0 * value / most).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static Color SeverityColor(string? severity) => severity?.ToLowerInvariant() switch
    {
        "critical" or "page" => Color.Error,
        "warning" => Color.Warning,
        "info" => Color.Info,
        _ => Color.Default,
    };

    private static string ReleaseProblem(ReleaseSummary release) => release.Status switch
    {
        "failed" => "failed",
        "partial" => "went live only in part",
        "pending" => "waits for a reload",
        _ when release.HeldBack.Count > 0 => $"held back {release.HeldBack.Count} namespace{(release.HeldBack.Count == 1 ? "" : "s")}",
        _ => release.Status,
    };
}
