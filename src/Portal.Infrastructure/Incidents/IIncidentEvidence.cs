using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>
/// What Prometheus and the catalog say about an incident: the rule in force, the related alerts' firing and resolving
/// (from <c>ALERTS</c>: the rule's alert and others sharing its <c>instance</c>, <c>job</c> or <c>service</c> label), the
/// chart snapshot, and the earlier-detection backtest. Every call is bounded in time and size.
/// </summary>
public interface IIncidentEvidence
{
    /// <summary>Evidence for a new incident over [start − margin, now].</summary>
    Task<IncidentEvidence> GatherAsync(Guid? ruleId, IReadOnlyDictionary<string, string>? alertLabels, DateTimeOffset startedAt, CancellationToken ct);

    /// <summary>The related alerts' firing and resolving over a window, again (the "refresh from ALERTS" button).</summary>
    Task<IReadOnlyList<TimelineEntry>> AlertTimelineAsync(RuleFacts? rule, AlertFacts? alert, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>The rule's query over the window with margins, as a stored snapshot with the threshold in force.</summary>
    Task<ChartSnapshot?> SnapshotAsync(RuleFacts rule, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>"Would another threshold have caught it earlier?" for a resolved incident with a rule.</summary>
    Task<EarlierDetectionReport> EarlierDetectionAsync(IncidentDetail incident, CancellationToken ct);
}
