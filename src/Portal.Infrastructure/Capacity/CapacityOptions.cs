namespace Portal.Infrastructure.Capacity;

/// <summary>How the capacity evaluator reads Prometheus (section <c>Capacity</c>).</summary>
public sealed class CapacityOptions
{
    public const string Section = "Capacity";

    /// <summary>The trend window every model is fitted over.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Points per series over the window: 288 is one every 35 minutes over 7 days, plenty for a daily trend.</summary>
    public int Points { get; set; } = 288;

    /// <summary>
    /// How long one evaluation is reused. Capacity moves over days, a week of data costs Prometheus real work, and
    /// several open Capacity pages, the home page and API scripts would otherwise each ask for it; 30 s keeps the
    /// page live enough while costing one batched query per half minute at most.
    /// </summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Queries joined into one range request: 50 models with query limits make one request, a portal at its model
    /// limit makes ten, and no request grows past what Prometheus reads comfortably.
    /// </summary>
    public int QueriesPerRequest { get; set; } = 100;
}
