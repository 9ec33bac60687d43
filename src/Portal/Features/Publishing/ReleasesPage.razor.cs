using Microsoft.AspNetCore.Components;
using Portal.Components;
using Portal.Infrastructure.Publishing;

namespace Portal.Features.Publishing;

/// <summary>The releases, newest first, fifty a page; the page number lives in the address (<c>?page=</c>).</summary>
public partial class ReleasesPage : IDisposable
{
    public const int PageSize = 50;

    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<ReleaseSummary>? _releases;
    private int? _loadedPage;
    private bool _hasOlder;
    private string? _error;

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
        try
        {
            _error = null;
            // One more than a page tells whether an older page exists without counting every release.
            var releases = await Releases.ListAsync((CurrentPage - 1) * PageSize, PageSize + 1, _cts.Token);
            _hasOlder = releases.Count > PageSize;
            _releases = releases.Take(PageSize).OrderByDescending(r => r.Number).ToList();
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _error = e.Message;
        }
    }

    private void Open(long number) => Navigation.NavigateTo(PortalRoutes.ReleaseFor(number));

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
