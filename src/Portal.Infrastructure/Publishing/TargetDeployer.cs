using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Puts one release's namespaces on one target: writes (or removes) their files atomically, asks
/// Prometheus to reload, and checks namespace by namespace that /api/v1/rules shows what was written,
/// by meaning (<see cref="LoadedRules"/>). A namespace that is loaded but differs fails at once; one not
/// loaded yet is waited for up to the verify timeout. Failed namespaces get their previous file back,
/// alone, while the others stay live.
/// </summary>
internal sealed class TargetDeployer(
    IHttpClientFactory http,
    IOptions<PublishingOptions> options,
    DeployHooks hooks,
    ParsedFiles parsedFiles,
    TimeProvider clock,
    ILogger<TargetDeployer> log)
{
    public const string ClientName = "publish-target";

    /// <summary>A release file's name in <paramref name="target"/>'s directory: the target's prefix, then the namespace's file name.</summary>
    public static string OnDisk(PublishTargetOptions target, ReleaseFile file) => target.FilePrefix + file.FileName;

    public async Task<TargetResult> DeployAsync(PublishTargetOptions target, TargetWrites writes, CancellationToken ct)
    {
        if (writes.Writes.Count == 0)
        {
            return Result(target, TargetOutcome.Live, "Already held every file of this release.", []);
        }

        var writing = Stopwatch.GetTimestamp();
        try
        {
            await WriteAsync(target, writes.Writes.Select(w => (w.Namespace, w.File, w.Previous)), ct);
            log.LogInformation("{Target}: {Count} files written in {Ms:0} ms", target.Name, writes.Writes.Count, Stopwatch.GetElapsedTime(writing).TotalMilliseconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Some files may be in place already: put the previous ones back before saying anything.
            var restored = await RestoreAsync(target, writes.Writes, ct);
            var detail = $"Could not write into {target.RulesDirectory}: {e.Message}. {restored}";
            return Result(target, TargetOutcome.Failed, detail, writes.Writes.Select(w => new NamespaceOutcome(w.Namespace, NamespaceOutcomeKind.Failed, detail)).ToList());
        }

        return await ReloadAndVerifyAsync(target, writes.Writes, ct);
    }

    /// <summary>Reloads and verifies files already in place; namespaces that do not verify get their previous file back.</summary>
    public async Task<TargetResult> ReloadAndVerifyAsync(PublishTargetOptions target, IReadOnlyList<NamespaceWrite> writes, CancellationToken ct)
    {
        var prometheus = Client(target);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await prometheus.ReloadAsync(ct);
        }
        catch (PrometheusException e) when (e.Kind == PrometheusErrorKind.Unavailable)
        {
            // The files are valid (promtool passed); Prometheus will read them on its next start or reload.
            var detail = $"Written; reload pending: {e.Message}";
            return Result(target, TargetOutcome.PendingReload, detail, writes.Select(w => new NamespaceOutcome(w.Namespace, NamespaceOutcomeKind.Pending, null)).ToList());
        }
        catch (PrometheusException e)
        {
            var reason = $"Prometheus refused the reload: {e.Message}";
            return await RollBackAsync(target, writes, writes.ToDictionary(w => w.Namespace, _ => reason, StringComparer.Ordinal), ct);
        }

        var problems = await VerifyAsync(prometheus, target, writes, ct);
        log.LogInformation("{Target} reloaded and verified {Count} namespaces in {Ms:0} ms ({Failed} failed)",
            target.Name, writes.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, problems.Count);
        return problems.Count == 0
            ? Result(target, TargetOutcome.Live, $"Loaded by {target.Url}: {writes.Count} namespaces verified in /api/v1/rules.",
                writes.Select(w => new NamespaceOutcome(w.Namespace, w.File is null ? NamespaceOutcomeKind.Removed : NamespaceOutcomeKind.Live, null)).ToList())
            : await RollBackAsync(target, writes, problems, ct);
    }

    /// <summary>Restores the failed namespaces alone, reloads, and reports every namespace's outcome.</summary>
    private async Task<TargetResult> RollBackAsync(PublishTargetOptions target, IReadOnlyList<NamespaceWrite> writes, IReadOnlyDictionary<string, string> failed, CancellationToken ct)
    {
        log.LogWarning("Publish to {Target}: {Count} namespaces did not verify and are rolled back: {Reasons}", target.Name, failed.Count, string.Join("; ", failed.Values));
        var back = writes.Where(w => failed.ContainsKey(w.Namespace)).ToList();
        var restored = await RestoreAsync(target, back, ct);
        string? after;
        try
        {
            await Client(target).ReloadAsync(ct);
            var reverse = back.Select(w => w with { File = w.Previous, Previous = w.File }).ToList();
            var check = await VerifyAsync(Client(target), target, reverse, ct);
            after = check.Count == 0 ? "The previous files are loaded again." : "After the rollback: " + string.Join(" ", check.Values);
        }
        catch (PrometheusException e)
        {
            after = $"Reloading the previous files failed too: {e.Message}";
        }

        var outcomes = writes.Select(w => failed.TryGetValue(w.Namespace, out var why)
                ? new NamespaceOutcome(w.Namespace, NamespaceOutcomeKind.RolledBack, why)
                : new NamespaceOutcome(w.Namespace, w.File is null ? NamespaceOutcomeKind.Removed : NamespaceOutcomeKind.Live, null))
            .ToList();
        var live = outcomes.Count(o => o.Kind is NamespaceOutcomeKind.Live or NamespaceOutcomeKind.Removed);
        var summary = string.Join(" ", failed.Values.Take(3)) + (failed.Count > 3 ? $" (and {failed.Count - 3} more)" : "");
        return live == 0
            ? Result(target, TargetOutcome.RolledBack, $"{summary} {restored} {after}", outcomes)
            : Result(target, TargetOutcome.Partial, $"{live} of {writes.Count} namespaces live; {failed.Count} rolled back alone: {summary} {restored} {after}", outcomes);
    }

    private async Task WriteAsync(PublishTargetOptions target, IEnumerable<(string Namespace, ReleaseFile? File, ReleaseFile? Other)> writes, CancellationToken ct)
    {
        if (!Directory.Exists(target.RulesDirectory))
        {
            throw new DirectoryNotFoundException($"The rules directory {target.RulesDirectory} does not exist.");
        }

        var all = writes.ToList();
        var changed = new List<(string FileName, string Content)>();
        foreach (var (_, file, other) in all)
        {
            if (file is not null)
            {
                var path = Path.Combine(target.RulesDirectory, OnDisk(target, file));
                if (!File.Exists(path) || await File.ReadAllTextAsync(path, ct) != file.Content)
                {
                    changed.Add((OnDisk(target, file), file.Content));
                }
            }
            else if (other is not null && File.Exists(Path.Combine(target.RulesDirectory, OnDisk(target, other))))
            {
                // Only files the portal wrote itself (verified on this target before) are ever removed.
                AtomicFile.Delete(target.RulesDirectory, OnDisk(target, other));
            }
        }

        // Each file is flushed before its rename; writing them side by side lets the disk flush them together.
        await AtomicFile.WriteAllAsync(target.RulesDirectory, changed, ct, hooks.BeforeRename);
        if (hooks.AfterWrite is { } after)
        {
            foreach (var (_, file, _) in all)
            {
                if (file is not null)
                {
                    await after(Path.Combine(target.RulesDirectory, OnDisk(target, file)), ct);
                }
            }
        }
    }

    /// <summary>Puts each namespace's previous file back (or removes a file it did not have); says what it did.</summary>
    private async Task<string> RestoreAsync(PublishTargetOptions target, IReadOnlyList<NamespaceWrite> writes, CancellationToken ct)
    {
        try
        {
            await WriteAsync(target, writes.Select(w => (w.Namespace, w.Previous, w.File)), ct);
            var names = string.Join(", ", writes.Select(w => w.Namespace).Take(5)) + (writes.Count > 5 ? ", ..." : "");
            return $"The previous files of {names} were restored.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"Restoring the previous files failed as well: {e.Message}";
        }
    }

    /// <summary>
    /// Namespace → problem for every namespace whose loaded groups do not match its file. A loaded group
    /// that differs is final (the reload returned, so Prometheus has read the file); groups not loaded
    /// yet, or still loaded after their file was removed, are polled for until the verify timeout.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> VerifyAsync(IPrometheus prometheus, PublishTargetOptions target, IReadOnlyList<NamespaceWrite> writes, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Value.VerifyTimeout;
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        var waiting = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = writes.ToList();
        while (true)
        {
            waiting.Clear();
            try
            {
                // Both questions at once: the reload's verdict and the rules it loaded.
                var runtimeReading = prometheus.RuntimeInfoAsync(ct);
                var rulesReading = prometheus.RulesAsync(ct);
                if (!(await runtimeReading).ReloadConfigSuccess)
                {
                    return writes.ToDictionary(w => w.Namespace, _ => "Prometheus reports that its last configuration reload failed.", StringComparer.Ordinal);
                }

                var loaded = LoadedRules.ByFile(await rulesReading);
                // Comparing is parsing and printing every expression: the namespaces are independent, so both cores share them.
                var checks = new LoadedCheck[open.Count];
                Parallel.For(0, open.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, i =>
                    checks[i] = LoadedRules.Check(open[i].Namespace, open[i].File, target.FilePrefix + (open[i].File ?? open[i].Previous)!.FileName, loaded, parsedFiles.Of));
                for (var i = 0; i < open.Count; i++)
                {
                    if (checks[i].Differs)
                    {
                        failed[open[i].Namespace] = checks[i].Problem!;
                    }
                    else if (checks[i].Problem is { } notYet)
                    {
                        waiting[open[i].Namespace] = notYet;
                    }
                }
            }
            catch (PrometheusException e)
            {
                foreach (var write in open)
                {
                    waiting[write.Namespace] = $"Could not read what Prometheus loaded: {e.Message}";
                }
            }

            open = open.Where(w => waiting.ContainsKey(w.Namespace)).ToList();
            if (open.Count == 0 || clock.GetUtcNow() >= deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
        }

        foreach (var (name, problem) in waiting)
        {
            failed[name] = $"Not loaded within {options.Value.VerifyTimeout.TotalSeconds:0} s: {problem}";
        }

        return failed;
    }

    private IPrometheus Client(PublishTargetOptions target)
    {
        var client = http.CreateClient(ClientName);
        client.BaseAddress = target.Url ?? throw new PublishingException($"Publish target {target.Name} has no Prometheus URL.");
        return new PrometheusClient(client);
    }

    private TargetResult Result(PublishTargetOptions target, TargetOutcome outcome, string detail, IReadOnlyList<NamespaceOutcome> namespaces) =>
        new(target.Name, outcome, detail, clock.GetUtcNow()) { Namespaces = namespaces };
}
