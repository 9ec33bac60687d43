using Portal.Domain.Home;
using Portal.Domain.Live;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Home;

/// <summary>The real state the home page shows, gathered at <see cref="At"/>.</summary>
public sealed record HomeSnapshot(
    DateTimeOffset At,
    HomeTile<CatalogOverview> Catalog,
    HomeTile<AlertsOverview> Alerts,
    HomeTile<PublishingOverview> Publishing,
    HomeTile<CapacityOverview> Capacity,
    HomeTile<RunbooksOverview> Runbooks);

public sealed record CatalogOverview(IReadOnlyList<TeamCatalog> Teams, int Namespaces, int Rules);

/// <param name="Firing">Firing alerts, the first few of them (critical first, longest firing first) in <paramref name="Top"/>.</param>
/// <param name="Unavailable">Prometheus servers that did not answer, of <paramref name="Targets"/> asked.</param>
public sealed record AlertsOverview(int Firing, int Pending, IReadOnlyList<AlertEntry> Top, int Unavailable, int Targets);

/// <param name="Latest">The newest release, whatever became of it.</param>
/// <param name="Targets">What each publish target verifiably holds.</param>
/// <param name="Attention">Recent releases that failed, went live only in part or held namespaces back, newest first.</param>
/// <param name="Drift">Targets whose directory no longer matches their live release, or holds files the portal did not write.</param>
public sealed record PublishingOverview(
    ReleaseSummary? Latest,
    IReadOnlyList<TargetRelease> Targets,
    IReadOnlyList<ReleaseSummary> Attention,
    IReadOnlyList<TargetDrift> Drift);

public sealed record TargetRelease(string Target, long? Release, DateTimeOffset? At, int Rules);

/// <param name="Alarming">Models in warning or critical, critical first.</param>
public sealed record CapacityOverview(int Models, IReadOnlyList<CapacityCard> Alarming, int Failing, string? Unavailable);

public sealed record RunbooksOverview(int Runbooks, IReadOnlyList<Domain.Runbooks.RunbookReviewRef> Overdue, int AlertsWithoutRunbook, int Alerts);
