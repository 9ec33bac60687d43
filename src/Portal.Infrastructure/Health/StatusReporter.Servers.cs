using System.Globalization;
using Portal.Domain.Health;
using Portal.Domain.Live;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Health;

internal sealed partial class StatusReporter
{
    private async Task<ServerRead> ReadServerAsync(Server server, CancellationToken ct)
    {
        var client = http.CreateClient(ClientName);
        client.BaseAddress = server.Url.ToString().EndsWith('/') ? server.Url : new Uri(server.Url + "/");
        var prometheus = new PrometheusClient(client, prometheusOptions);
        var (directoryWritable, directoryProblem) = server.Target is { } target ? CheckDirectory(target) : (null, null);

        string? version = null;
        bool? reload = null;
        string? problem = null;
        ServerData? data = null;
        try
        {
            version = (await Bounded(prometheus.BuildInfoAsync, ct)).Version;
            var targets = Bounded(prometheus.TargetsAsync, ct);
            var groups = Bounded(prometheus.RulesAsync, ct);
            reload = await ReloadSuccessfulAsync(prometheus, server.Url, ct);
            data = new ServerData(await targets, await groups, clock.GetUtcNow());
            lock (_gate)
            {
                _lastGood[Normal(server.Url)] = data;
            }
        }
        catch (PrometheusException e)
        {
            problem = e.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            problem = $"Prometheus at {server.Url} did not answer within {options.CurrentValue.PrometheusTimeout.TotalSeconds:0.#} s.";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = $"{server.Url} answered in a shape the portal cannot read: {e.Message}";
        }

        if (problem is not null)
        {
            lock (_gate)
            {
                data = _lastGood.GetValueOrDefault(Normal(server.Url));
            }
        }

        var status = new PrometheusServerStatus(server.Name, server.Names, server.Url, version, reload,
            server.Target?.RulesDirectory, directoryWritable, directoryProblem, problem, data?.At);
        return new ServerRead(status, data, server);
    }

    /// <summary>One call to one server with the configured timeout, on top of the caller's token.</summary>
    private async Task<T> Bounded<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.CurrentValue.PrometheusTimeout);
        return await call(timeout.Token);
    }

    /// <summary>
    /// The server's own <c>prometheus_config_last_reload_successful</c> (the series whose instance is this server: a
    /// server may scrape its HA twin too); when it does not scrape itself, its runtime info says the same thing.
    /// </summary>
    private async Task<bool?> ReloadSuccessfulAsync(IPrometheus prometheus, Uri url, CancellationToken ct)
    {
        var samples = await Bounded(c => prometheus.QueryAsync("prometheus_config_last_reload_successful", null, c), ct);
        var own = samples.FirstOrDefault(s => s.Labels.TryGetValue("instance", out var instance)
            && string.Equals(instance, url.Authority, StringComparison.OrdinalIgnoreCase));
        if (own is not null)
        {
            return own.Value == 1;
        }

        return (await Bounded(prometheus.RuntimeInfoAsync, ct)).ReloadConfigSuccess;
    }

    /// <summary>
    /// Whether the portal can create a file in the target's rules directory, found by doing it: a temporary file named as
    /// publishing names its own (a leading dot and ".tmp", which Prometheus' <c>*.yml</c> never loads), deleted on close.
    /// access(2) would answer from the mode bits alone, and is wrong for read-only mounts seen as root, ACLs,
    /// root-squashed NFS and a full disk, all of which make a publish fail.
    /// </summary>
    internal static (bool? Writable, string? Problem) CheckDirectory(PublishTarget target)
    {
        if (target.OutsideAllowedRoots)
        {
            return (null, "outside the directories publish targets may use; not checked");
        }

        if (target.RulesDirectory.Length == 0 || !Directory.Exists(target.RulesDirectory))
        {
            return (false, $"{target.RulesDirectory} does not exist");
        }

        var probe = Path.Combine(target.RulesDirectory, AtomicFile.TemporaryName("portal-health"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return (true, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (false, e.Message);
        }
        finally
        {
            // DeleteOnClose covers every path that created the file; this only guards a platform that ignores it.
            if (File.Exists(probe))
            {
                File.Delete(probe);
            }
        }
    }

    /// <summary>Rules whose last evaluation failed, tied to the catalog rule they were published as when the server is a publish target.</summary>
    internal static IEnumerable<FailingRule> FailingRules(string serverName, PublishTarget? publishTarget, IReadOnlyList<LoadedRuleGroup> groups, LiveBasis? basis)
    {
        IReadOnlyList<MatchedRule>? matched = null;
        if (basis is not null && publishTarget is { } target)
        {
            matched = LiveMatching.Match(target.Name, groups.Select(LiveSnapshots.Evaluated).ToList(),
                basis.Files.GetValueOrDefault(target.Name) ?? []);
        }

        // Match lists the rules in the order they are read here, group by group.
        var position = 0;
        foreach (var group in groups)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var rule in group.Rules)
            {
                var occurrence = seen[rule.Name] = seen.GetValueOrDefault(rule.Name) + 1;
                var match = matched is not null && position < matched.Count ? matched[position] : null;
                position++;
                if (rule.Health != "err")
                {
                    continue;
                }

                Guid? catalogId = match?.Key is { } key && basis!.Index.TryGetValue(key, out var catalog) ? catalog.Id : null;
                yield return new FailingRule(serverName, group.Name, group.File, rule.Name, occurrence,
                    rule.LastError ?? "evaluation failed", rule.LastEvaluation, catalogId);
            }
        }
    }
}
