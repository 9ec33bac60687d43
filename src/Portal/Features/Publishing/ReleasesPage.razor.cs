using Microsoft.AspNetCore.Components;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Infrastructure.Publishing;

namespace Portal.Features.Publishing;

/// <summary>The releases, newest first, fifty a page; the page number lives in the address (<c>?page=</c>).</summary>
public partial class ReleasesPage : PortalComponent
{
    public const int PageSize = 50;

    private IReadOnlyList<ReleaseSummary>? _releases;
    private int? _loadedPage;
    private bool _hasOlder;

    [Inject]
    public required IReleaseStore Releases { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    private int CurrentPage => Math.Max(1, PageNumber ?? 1);

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedPage != CurrentPage)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        _loadedPage = CurrentPage;
        await RunAsync(async ct =>
        {
            // One more than a page tells whether an older page exists without counting every release.
            var releases = await Releases.ListAsync((CurrentPage - 1) * PageSize, PageSize + 1, ct);
            _hasOlder = releases.Count > PageSize;
            _releases = releases.Take(PageSize).OrderByDescending(r => r.Number).ToList();
        }, "The releases could not be read");
    }

    private void Open(long number) => Navigation.NavigateTo(PortalRoutes.ReleaseFor(number));
}
