using Microsoft.Extensions.Options;
using Portal.Domain.Incidents;
using Portal.Domain.Lint;
using Portal.Domain.Live;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Runbooks;
using Portal.Infrastructure.Tuning;

namespace Portal.Infrastructure.Incidents;

/// <summary>
/// <see cref="IIncidentEvidence"/> over the catalog, Prometheus and the live alerts. Named apart from the
/// <see cref="IncidentEvidence"/> record it returns. Starting an incident must work while Prometheus is down, so
/// <see cref="GatherAsync"/> turns every failure of a part into a sentence in <see cref="IncidentEvidence.Problems"/>;
/// the single-part methods throw <see cref="PrometheusException"/> so that their callers can say what went wrong.
/// </summary>
internal sealed partial class IncidentEvidenceGatherer(
    IRuleStore rules,
    IPrometheus prometheus,
    ILiveAlerts live,
    ITuningData tuning,
    IOptions<PrometheusOptions> prometheusOptions,
    IOptions<PortalUrlOptions> portalUrl,
    TimeProvider clock) : IIncidentEvidence
{
    /// <summary>How long each part of <see cref="GatherAsync"/> may take: the person starting an incident is waiting.</summary>
    public static readonly TimeSpan PartTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far before the start the evidence reaches: alerts on the same instance or job often fire shortly before the
    /// one that paged, and the hour before shows how the rule's query climbed towards its threshold.
    /// </summary>
    public static readonly TimeSpan LeadIn = TimeSpan.FromHours(1);

    private TimeSpan DefaultInterval => prometheusOptions.Value.EvaluationInterval;

    public async Task<IncidentEvidence> GatherAsync(Guid? ruleId, IReadOnlyDictionary<string, string>? alertLabels, DateTimeOffset startedAt, CancellationToken ct)
    {
        var problems = new List<string>();
        var now = clock.GetUtcNow();
        var from = (startedAt > now ? now : startedAt) - LeadIn;

        var alertTask = Part("The firing alert", problems, t => AlertFactsAsync(alertLabels, t), ct);
        var ruleTask = ruleId is { } id ? Part("The rule", problems, t => RuleFactsAsync(id, problems, t), ct) : Task.FromResult<RuleFacts?>(null);
        var (alert, liveRuleId) = await alertTask;
        var rule = await ruleTask;
        if (rule is null && ruleId is null && liveRuleId is { } managed)
        {
            // Started from an alert alone: the Alerts page knows which stored rule raised it.
            rule = await Part("The rule", problems, t => RuleFactsAsync(managed, problems, t), ct);
        }

        var timelineTask = Part("The alert history (ALERTS)", problems, async t =>
        {
            var timeline = await TimelineAsync(rule, alert, from, now, t);
            if (timeline.Note is { } note)
            {
                lock (problems)
                {
                    problems.Add(note);
                }
            }

            return timeline;
        }, ct);
        var chartTask = rule is null
            ? Task.FromResult<ChartSnapshot?>(null)
            : Part("The chart snapshot", problems, t => SnapshotAsync(rule, from, now, t), ct);
        var alerts = await timelineTask;
        var chart = await chartTask;
        return new IncidentEvidence(rule, alert, alerts?.Entries ?? [], chart, problems);
    }

    public async Task<IReadOnlyList<TimelineEntry>> AlertTimelineAsync(RuleFacts? rule, AlertFacts? alert, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await TimelineAsync(rule, alert, from, to, ct)).Entries;

    /// <summary>
    /// Runs one part with its own time limit; what Prometheus, Redis or the planner refuse becomes a sentence. The
    /// caller's own cancellation still propagates: the person went away, nobody needs the sentence.
    /// </summary>
    private static async Task<T?> Part<T>(string what, List<string> problems, Func<CancellationToken, Task<T>> run, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(PartTimeout);
        string problem;
        try
        {
            return await run(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            problem = $"{what} took longer than {PartTimeout.TotalSeconds:0} s and was left out.";
        }
        catch (PrometheusException e)
        {
            problem = $"{what} could not be read from Prometheus: {e.Message}";
        }
        catch (TuningRefusedException e)
        {
            problem = $"{what} was not asked for: {e.Message}";
        }
        catch (StackExchange.Redis.RedisException)
        {
            problem = $"{what} could not be read: the query cache failed.";
        }

        lock (problems)
        {
            problems.Add(problem);
        }

        return default;
    }

    /// <summary>The rule as it is now (the version in force when the incident starts), with its group's interval.</summary>
    private async Task<RuleFacts?> RuleFactsAsync(Guid id, List<string> problems, CancellationToken ct)
    {
        var rule = await rules.GetAsync(id, ct);
        var problem = rule is null ? "There is no such rule; the incident starts without rule facts."
            : rule.Content.Kind != RuleKind.Alerting ? $"\"{rule.Content.Name}\" is a recording rule, which raises no alerts; the incident starts without rule facts."
            : null;
        if (problem is not null)
        {
            lock (problems)
            {
                problems.Add(problem);
            }

            return null;
        }

        var group = (await rules.NamespaceAsync(rule!.Namespace, ct))?.Groups.FirstOrDefault(g => g.Group.Id == rule.GroupId)?.Group;
        var content = rule.Content;
        var parts = content.Threshold;
        return new RuleFacts(
            rule.Id,
            rule.VersionNumber,
            content.Name,
            content.Expression,
            parts?.Query,
            parts?.Operator,
            parts?.Threshold,
            content.For?.ToTimeSpan() ?? TimeSpan.Zero,
            content.KeepFiringFor?.ToTimeSpan() ?? TimeSpan.Zero,
            group?.Interval?.ToTimeSpan() ?? DefaultInterval,
            rule.Team,
            RunbookUrl(rule));
    }

    /// <summary>The runbook_url Prometheus gets for the rule: its own annotation wins, else the linked runbook as publishing writes it.</summary>
    private string? RunbookUrl(RuleDetail rule) =>
        rule.Content.Annotations.TryGetValue("runbook_url", out var own) && !string.IsNullOrWhiteSpace(own) ? own
        : rule.RunbookSlug is { } slug ? Domain.Runbooks.RunbookLinks.UrlOf(portalUrl.Value.PublicUrl, slug)
        : null;

    /// <summary>
    /// The alert from its labels; its value and start come from what the targets evaluate now, when it is firing.
    /// Also returns the stored rule that raised it, for an incident started from the alert alone.
    /// </summary>
    private async Task<(AlertFacts? Alert, Guid? RuleId)> AlertFactsAsync(IReadOnlyDictionary<string, string>? labels, CancellationToken ct)
    {
        if (labels is null || !labels.TryGetValue("alertname", out var name) || string.IsNullOrEmpty(name))
        {
            return (null, null);
        }

        var board = await live.AlertsAsync(new AlertFilter(State: LiveState.Firing), ct);
        var firing = board.All
            .Where(a => a.AlertName == name && labels.All(l => l.Key == "alertname" || (a.Labels.TryGetValue(l.Key, out var v) && v == l.Value)))
            // The exact series first, then the longest-standing one that the given labels narrow down to.
            .OrderByDescending(a => a.Labels.Count(l => l.Key != "alertname") == labels.Count(l => l.Key != "alertname"))
            .ThenBy(a => a.Since)
            .FirstOrDefault();
        return (new AlertFacts(name, labels, firing?.Value, firing?.Since), firing?.RuleId);
    }
}
