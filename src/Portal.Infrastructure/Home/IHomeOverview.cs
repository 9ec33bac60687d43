namespace Portal.Infrastructure.Home;

/// <summary>The home page's tiles: catalog by team, what fires, what is live where, capacity in trouble, runbooks overdue.</summary>
public interface IHomeOverview
{
    Task<HomeSnapshot> GetAsync(CancellationToken ct);
}
