namespace Portal.Infrastructure.Live;

public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// How long one target's rules and alerts (and the catalog index) are reused: pages with thousands of
    /// rules, every open Alerts tab and the API share one read per target in this window.
    /// </summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>A target slower than this is reported as unavailable; the others are shown anyway.</summary>
    public TimeSpan TargetTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most alerts the Alerts page and <c>/api/v1/alerts</c> list; the rest are counted and the filters narrow them.</summary>
    public int MaxAlerts { get; set; } = 5_000;

    /// <summary>The most series the rule page and <c>/api/v1/rules/{id}/live</c> list per target.</summary>
    public int MaxSeriesPerRule { get; set; } = 200;
}
