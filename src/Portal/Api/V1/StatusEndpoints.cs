using Portal.Components;
using Portal.Domain.Health;
using Portal.Infrastructure.Health;

namespace Portal.Api.V1;

/// <summary>GET /status: the Health page's data (dependencies, Prometheus servers, promtool, targets, rule evaluation), from the same <see cref="IStatusReporter"/>.</summary>
public static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatus(this RouteGroupBuilder api)
    {
        api.MapGet("/status", async (IStatusReporter reporter, CancellationToken ct) => TypedResults.Ok(ToResponse(await reporter.ReportAsync(ct))));
        return api;
    }

    public static object ToResponse(StatusReport report) => new
    {
        at = report.At,
        status = HealthPolicy.Wire(report.Overall),
        dependencies = report.Dependencies.Select(d => new
        {
            name = d.Name,
            status = HealthPolicy.Wire(d.State),
            latencyMs = Math.Round(d.Latency.TotalMilliseconds, 1),
            error = d.Error,
            details = d.Details,
        }),
        servers = report.Servers.Select(s => new
        {
            name = s.Name,
            names = s.Names,
            url = s.Url.ToString(),
            reachable = s.Problem is null,
            problem = s.Problem,
            version = s.Version,
            reloadSuccessful = s.ReloadSuccessful,
            rulesDirectory = s.RulesDirectory,
            rulesDirectoryWritable = s.RulesDirectoryWritable,
            rulesDirectoryProblem = s.RulesDirectoryProblem,
            dataAt = s.DataAt,
        }),
        promtool = new
        {
            configured = report.Promtool.Configured,
            path = report.Promtool.Path,
            version = report.Promtool.Version,
            found = report.Promtool.Found,
            problem = report.Promtool.Problem,
        },
        targets = new
        {
            omitted = report.Targets.Omitted,
            jobs = report.Targets.Items.Select(j => new
            {
                server = j.Server,
                job = j.Job,
                up = j.Up,
                total = j.Total,
                targets = j.Targets.Select(t => new
                {
                    instance = t.Instance,
                    scrapePool = t.ScrapePool,
                    health = t.Health,
                    lastScrape = t.LastScrape,
                    lastScrapeSeconds = t.LastScrapeSeconds,
                    lastError = t.LastError,
                }),
            }),
        },
        failingRules = new
        {
            omitted = report.FailingRules.Omitted,
            rules = report.FailingRules.Items.Select(r => new
            {
                server = r.Server,
                file = r.File,
                group = r.Group,
                name = r.Name,
                occurrence = r.Occurrence,
                error = r.Error,
                lastEvaluation = r.LastEvaluation,
                ruleId = r.CatalogRuleId,
                link = r.CatalogRuleId is { } id ? PortalRoutes.RuleEditorFor(id) : null,
            }),
        },
        slowestGroups = new
        {
            omitted = report.SlowestGroups.Omitted,
            groups = report.SlowestGroups.Items.Select(g => new
            {
                server = g.Server,
                file = g.File,
                group = g.Group,
                intervalSeconds = g.IntervalSeconds,
                evaluationSeconds = g.EvaluationSeconds,
                fractionOfInterval = g.FractionOfInterval,
                lastEvaluation = g.LastEvaluation,
            }),
        },
    };
}
