using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Lint;

/// <summary>
/// A published rule's last evaluation error on each publish target: the file the portal verified on the
/// target (target_files, with the target's prefix), the group and the rule's name, found in that
/// target's /api/v1/rules.
/// </summary>
internal sealed class LiveRuleErrors(
    IPublisher publisher,
    IPublishTargets targets,
    IHttpClientFactory clients,
    LiveLintCache cache,
    IOptions<LiveLintOptions> options)
{
    private sealed record TargetRules(IReadOnlyList<LoadedRuleGroup> Groups);

    private sealed record LiveFiles(IReadOnlyList<TargetLive> Targets, IReadOnlyList<PublishTarget> Servers);

    public async Task<IReadOnlyList<LintFinding>> FindAsync(LiveRuleRef rule, CancellationToken ct)
    {
        // Both change only at publish time; a tenth of the cache time keeps the editor cheap and the answer fresh.
        var keep = options.Value.CacheFor / 10;
        var live = await cache.GetAsync("live-files", keep, async () =>
            new LiveFiles(await publisher.LiveAsync(CancellationToken.None), await targets.ListAsync(CancellationToken.None))).WaitAsync(ct);
        var findings = new List<LintFinding>();
        foreach (var target in live.Targets)
        {
            if (target.Files.FirstOrDefault(f => f.Namespace == rule.Namespace) is not { } file
                || live.Servers.FirstOrDefault(s => s.Name == target.Target) is not { } server)
            {
                continue;
            }

            TargetRules loaded;
            try
            {
                loaded = await cache.GetAsync($"rules\n{server.Name}", keep, async () =>
                {
                    using var own = new CancellationTokenSource(options.Value.Timeout);
                    return new TargetRules(await Client(server).RulesAsync(own.Token));
                }).WaitAsync(ct);
            }
            catch (Exception e) when (e is PrometheusException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                findings.Add(LiveLint.SkippedBecause($"could not read the rules loaded on {server.Name}: {e.Message}"));
                continue;
            }

            var fileName = server.FilePrefix + file.FileName;
            var errors = loaded.Groups
                .Where(g => g.Name == rule.Group && Path.GetFileName(g.File) == fileName)
                .SelectMany(g => g.Rules)
                .Where(r => r.Name == rule.Name && !string.IsNullOrEmpty(r.LastError))
                .Select(r => r.LastError!)
                .Distinct(StringComparer.Ordinal);
            findings.AddRange(errors.Select(error => LiveLint.EvaluationError(server.Name, error)));
        }

        return findings;
    }

    private PrometheusClient Client(PublishTarget target)
    {
        var http = clients.CreateClient(TargetDeployer.ClientName);
        http.BaseAddress = target.Url;
        return new PrometheusClient(http);
    }
}
