using System.Data.Common;
using Portal.Domain.Capacity;
using Portal.Domain.Home;
using Portal.Domain.Live;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;
using Portal.Infrastructure.Runbooks;

namespace Portal.Infrastructure.Home;

/// <summary>
/// Gathers the home page's tiles side by side, each from the store or server that knows it, and keeps the result for
/// <see cref="FreshFor"/>: the home page is the page everyone opens, and a dozen people opening it in the same
/// seconds cost one round of queries. A dependency that fails empties its own tile only.
/// </summary>
internal sealed class HomeOverview(
    IRuleStore rules,
    ILiveAlerts alerts,
    IReleaseStore releases,
    IPublisher publisher,
    ICapacityEvaluator capacity,
    IRunbookStore runbooks,
    IRunbookCoverage coverage,
    TimeProvider clock) : IHomeOverview
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(10);

    /// <summary>How long one gathering may take in all; a tile still waiting then says so.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);

    /// <summary>Releases looked at for failures and held-back namespaces.</summary>
    public const int RecentReleases = 30;

    public const int TopAlerts = 5;

    private readonly Lock _gate = new();
    private (DateTimeOffset At, Task<HomeSnapshot> Snapshot)? _last;

    public Task<HomeSnapshot> GetAsync(CancellationToken ct)
    {
        Task<HomeSnapshot> snapshot;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_last is not { } last || now - last.At >= FreshFor || last.Snapshot.IsFaulted || last.Snapshot.IsCanceled)
            {
                // Not tied to the first caller's token: others wait on the same gathering.
                _last = (now, GatherAsync());
            }

            snapshot = _last.Value.Snapshot;
        }

        return snapshot.WaitAsync(ct);
    }

    private async Task<HomeSnapshot> GatherAsync()
    {
        using var budget = new CancellationTokenSource(Budget);
        var ct = budget.Token;
        var catalog = TileAsync(() => CatalogAsync(ct), "The rule catalog");
        var firing = TileAsync(() => AlertsAsync(ct), "Prometheus' alerts");
        var publishing = TileAsync(() => PublishingAsync(ct), "The releases");
        var models = TileAsync(() => CapacityAsync(ct), "Capacity");
        var documents = TileAsync(() => RunbooksAsync(ct), "Runbooks");
        await Task.WhenAll(catalog, firing, publishing, models, documents);
        return new HomeSnapshot(clock.GetUtcNow(), catalog.Result, firing.Result, publishing.Result, models.Result, documents.Result);
    }

    private static async Task<HomeTile<T>> TileAsync<T>(Func<Task<T>> load, string what)
        where T : class
    {
        try
        {
            return HomeTile<T>.Of(await load());
        }
        catch (DbException)
        {
            return HomeTile<T>.Failed($"{what}: the database did not answer.");
        }
        catch (PrometheusException e)
        {
            return HomeTile<T>.Failed($"{what}: {e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or OperationCanceledException)
        {
            return HomeTile<T>.Failed($"{what}: no answer in time.");
        }
    }

    private async Task<CatalogOverview> CatalogAsync(CancellationToken ct)
    {
        var namespaces = await rules.NamespacesAsync(ct);
        var active = namespaces.Where(n => !n.Archived).ToList();
        return new CatalogOverview(
            TeamCatalog.ByTeam(namespaces.Select(n => (n.Team, n.RuleCount, n.Archived))),
            active.Count,
            active.Sum(n => n.RuleCount));
    }

    private async Task<AlertsOverview> AlertsAsync(CancellationToken ct)
    {
        var board = await alerts.AlertsAsync(new AlertFilter(), ct);
        var all = board.Groups.SelectMany(g => g.Alerts).Concat(board.Unmanaged).ToList();
        var top = all.Where(a => a.State == LiveState.Firing)
            .OrderBy(a => SeverityRank(a.Severity))
            .ThenBy(a => a.Since ?? DateTimeOffset.MaxValue)
            .ThenBy(a => a.AlertName, StringComparer.Ordinal)
            .Take(TopAlerts)
            .ToList();
        return new AlertsOverview(board.Firing, board.Pending, top, board.Unavailable.Count, board.TargetCount);
    }

    private static int SeverityRank(string? severity) => severity?.ToLowerInvariant() switch
    {
        "critical" or "page" => 0,
        "error" or "major" => 1,
        "warning" => 2,
        "info" => 3,
        _ => 4,
    };

    private async Task<PublishingOverview> PublishingAsync(CancellationToken ct)
    {
        var recent = await releases.ListAsync(0, RecentReleases, ct);
        var live = await publisher.LiveAsync(ct);
        var drift = await publisher.DriftAsync(ct);
        var when = recent.ToDictionary(r => r.Number, r => r.At);
        var targets = new List<TargetRelease>();
        foreach (var target in live)
        {
            DateTimeOffset? at = null;
            if (target.Release is { } number)
            {
                at = when.TryGetValue(number, out var known) ? known : (await releases.GetAsync(number, ct))?.Summary.At;
            }

            targets.Add(new TargetRelease(target.Target, target.Release, at, target.Rules));
        }

        var attention = recent.Where(r => r.Status is "failed" or "partial" || r.HeldBack.Count > 0).ToList();
        return new PublishingOverview(recent.FirstOrDefault(), targets, attention, drift.Where(d => d.HasDrift || d.ForeignFiles.Count > 0).ToList());
    }

    private async Task<CapacityOverview> CapacityAsync(CancellationToken ct)
    {
        var report = await capacity.EvaluateAsync(ct);
        var alarming = report.Models
            .Where(m => m.Assessment.Band is CapacityBand.Warning or CapacityBand.Critical)
            .OrderBy(m => m.Assessment.Band == CapacityBand.Critical ? 0 : 1)
            .ThenByDescending(m => m.Assessment.Utilization ?? 0)
            .ToList();
        return new CapacityOverview(report.Models.Count, alarming, report.Models.Count(m => m.Assessment.Band == CapacityBand.Error), report.Unavailable);
    }

    private async Task<RunbooksOverview> RunbooksAsync(CancellationToken ct)
    {
        var all = await runbooks.ListAsync(ct);
        var alertRefs = await coverage.AlertsAsync(ct);
        var now = clock.GetUtcNow();
        var overdue = all.Where(r => r.ReviewDue is { } due && due <= now)
            .OrderBy(r => r.ReviewDue)
            .Select(r => new RunbookReviewRef(r.Slug, r.Title, r.Team, r.ReviewDue))
            .ToList();
        var without = alertRefs.Count(a => a.LinkedSlug is null && string.IsNullOrWhiteSpace(a.RunbookUrl));
        return new RunbooksOverview(all.Count, overdue, without, alertRefs.Count);
    }
}
