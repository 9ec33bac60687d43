using Portal.Domain.Incidents;
using Portal.Domain.PromQl;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Tuning;

namespace Portal.Infrastructure.Incidents;

/// <summary>"Would another threshold have caught it earlier?": the tuning engine on the incident window and on 30 days of history.</summary>
internal sealed partial class IncidentEvidenceGatherer
{
    /// <summary>The history the cost of an alternative is measured over (extra alerts a week).</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(30);

    /// <summary>Both reads together may take this long; 30 days at a fine interval is the slow one.</summary>
    public static readonly TimeSpan EarlierDetectionTimeout = TimeSpan.FromSeconds(30);

    public async Task<EarlierDetectionReport> EarlierDetectionAsync(IncidentDetail incident, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Status != IncidentStatus.Resolved || incident.ResolvedAt is not { } resolvedAt)
        {
            return EarlierDetectionReport.Unanswered("The incident is not resolved yet; earlier detection is worked out once it is.");
        }

        if (incident.Rule is not { } rule)
        {
            return EarlierDetectionReport.Unanswered("The incident has no rule, so there is no threshold to try others against.");
        }

        if (rule.Threshold is not { } threshold || double.IsNaN(threshold) || OperatorOf(rule.Operator) is not { } op)
        {
            return EarlierDetectionReport.Unanswered($"\"{rule.AlertName}\" has no single threshold (its expression is not `query OP number`), so there is nothing to move.");
        }

        var now = clock.GetUtcNow();
        // The same lead-in as the evidence: an alternative can only be earlier if the window starts before the rule fired.
        var from = incident.StartedAt - LeadIn;
        var to = resolvedAt > now ? now : resolvedAt;
        if (to <= from)
        {
            return EarlierDetectionReport.Unanswered("The incident's window is empty (it resolved before it started).");
        }

        var query = rule.Query ?? rule.Expression;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(EarlierDetectionTimeout);
        try
        {
            var windowTask = tuning.LoadAsync(new TuningRequest(query, from, to, rule.EvaluationInterval), limit.Token);
            var historyTask = tuning.LoadAsync(new TuningRequest(query, now - History, now, rule.EvaluationInterval), limit.Token);
            var window = (await windowTask).Input(op, threshold, rule.For, rule.KeepFiringFor);
            var history = (await historyTask).Input(op, threshold, rule.For, rule.KeepFiringFor);
            var thresholds = EarlierDetection.Candidates(op, threshold, window.Series.SelectMany(s => s.Samples).Select(s => s.Value));
            return EarlierDetection.Evaluate(window, history, thresholds, EarlierDetection.CandidateFors(rule.For));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return EarlierDetectionReport.Unanswered($"Prometheus took longer than {EarlierDetectionTimeout.TotalSeconds:0} s to give the rule's query over the window and the last {History.TotalDays:0} days.");
        }
        catch (PrometheusException e)
        {
            return EarlierDetectionReport.Unanswered($"The rule's query could not be read from Prometheus: {e.Message}");
        }
        catch (TuningRefusedException e)
        {
            return EarlierDetectionReport.Unanswered($"The rule's query was not asked for: {e.Message}");
        }
        catch (StackExchange.Redis.RedisException)
        {
            return EarlierDetectionReport.Unanswered("The rule's query could not be read: the query cache failed.");
        }
    }

    private static TokenKind? OperatorOf(string? symbol) =>
        symbol is ">" or ">=" or "<" or "<=" or "==" or "!=" ? Comparisons.FromSymbol(symbol) : null;
}
