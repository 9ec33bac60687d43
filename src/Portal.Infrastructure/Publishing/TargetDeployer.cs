using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.PromQl;
using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Puts one release on one target: writes the files atomically, removes the files of namespaces that are
/// gone, asks Prometheus to reload, and waits until /api/v1/rules shows exactly what was written. Any
/// failure after the first write puts the previous release's files back (and reloads and verifies those).
/// </summary>
internal sealed class TargetDeployer(
    ReleaseStore releases,
    IHttpClientFactory http,
    IOptions<PublishingOptions> options,
    TimeProvider clock,
    ILogger<TargetDeployer> log)
{
    public const string ClientName = "publish-target";

    /// <summary>A release file's name in <paramref name="target"/>'s directory: the target's prefix, then the namespace's file name.</summary>
    public static string OnDisk(PublishTargetOptions target, ReleaseFile file) => target.FilePrefix + file.FileName;

    public async Task<TargetResult> DeployAsync(PublishTargetOptions target, long release, IReadOnlyList<ReleaseFile> files, CancellationToken ct)
    {
        var previous = await releases.OnDiskAsync(target.Name, ct);
        var previousFiles = previous?.Files ?? [];
        try
        {
            await WriteAsync(target, files, previousFiles, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Some files may be in place already: put the previous ones back before saying anything.
            var restored = await RestoreAsync(target, previousFiles, files, ct);
            return Result(target, TargetOutcome.Failed, $"Could not write into {target.RulesDirectory}: {e.Message}. {restored}");
        }

        return await ReloadAndVerifyAsync(target, files, previousFiles, previous?.Number, ct);
    }

    /// <summary>Reloads and verifies files already in place; a failure rolls back to <paramref name="previousFiles"/>.</summary>
    public async Task<TargetResult> ReloadAndVerifyAsync(PublishTargetOptions target, IReadOnlyList<ReleaseFile> files,
        IReadOnlyList<ReleaseFile> previousFiles, long? previousRelease, CancellationToken ct)
    {
        var prometheus = Client(target);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await prometheus.ReloadAsync(ct);
            log.LogInformation("{Target} reloaded in {Ms:0} ms", target.Name, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (PrometheusException e) when (e.Kind == PrometheusErrorKind.Unavailable)
        {
            // The files are valid (promtool passed); Prometheus will read them on its next start or reload.
            return Result(target, TargetOutcome.PendingReload, $"Written; reload pending: {e.Message}");
        }
        catch (PrometheusException e)
        {
            return await RollBackAsync(target, files, previousFiles, previousRelease, $"Prometheus refused the reload: {e.Message}", ct);
        }

        var problem = await VerifyAsync(prometheus, target, files, ct);
        log.LogInformation("{Target} verified in {Ms:0} ms since the reload began", target.Name, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return problem is null
            ? Result(target, TargetOutcome.Live, $"Loaded by {target.Url}: {files.Count} files verified in /api/v1/rules.")
            : await RollBackAsync(target, files, previousFiles, previousRelease, problem, ct);
    }

    private async Task<TargetResult> RollBackAsync(PublishTargetOptions target, IReadOnlyList<ReleaseFile> files,
        IReadOnlyList<ReleaseFile> previousFiles, long? previousRelease, string reason, CancellationToken ct)
    {
        log.LogWarning("Publish to {Target} failed, rolling back to release {Previous}: {Reason}", target.Name, previousRelease, reason);
        var restored = await RestoreAsync(target, previousFiles, files, ct);
        var prometheus = Client(target);
        try
        {
            await prometheus.ReloadAsync(ct);
            var check = await VerifyAsync(prometheus, target, previousFiles, ct);
            return Result(target, TargetOutcome.RolledBack, $"{reason} {restored}" + (check is null ? " The previous rules are loaded again." : $" After the rollback: {check}"));
        }
        catch (PrometheusException e)
        {
            return Result(target, TargetOutcome.RolledBack, $"{reason} {restored} Reloading the previous files failed too: {e.Message}");
        }
    }

    private static async Task WriteAsync(PublishTargetOptions target, IReadOnlyList<ReleaseFile> files, IReadOnlyList<ReleaseFile> previous, CancellationToken ct)
    {
        if (!Directory.Exists(target.RulesDirectory))
        {
            throw new DirectoryNotFoundException($"The rules directory {target.RulesDirectory} does not exist.");
        }

        foreach (var file in files)
        {
            var path = Path.Combine(target.RulesDirectory, OnDisk(target, file));
            if (!File.Exists(path) || await File.ReadAllTextAsync(path, ct) != file.Content)
            {
                await AtomicFile.WriteAsync(target.RulesDirectory, OnDisk(target, file), file.Content, ct);
            }
        }

        // Only files the portal wrote itself (named in the release on disk) are ever removed.
        foreach (var gone in previous.Where(p => files.All(f => f.FileName != p.FileName)))
        {
            if (File.Exists(Path.Combine(target.RulesDirectory, OnDisk(target, gone))))
            {
                AtomicFile.Delete(target.RulesDirectory, OnDisk(target, gone));
            }
        }
    }

    /// <summary>Puts <paramref name="previous"/> back and removes files only <paramref name="failed"/> had; says what it did.</summary>
    private static async Task<string> RestoreAsync(PublishTargetOptions target, IReadOnlyList<ReleaseFile> previous, IReadOnlyList<ReleaseFile> failed, CancellationToken ct)
    {
        try
        {
            await WriteAsync(target, previous, failed, ct);
            return previous.Count == 0 ? "The files written were removed again." : $"The previous {previous.Count} files were restored.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"Restoring the previous files failed as well: {e.Message}";
        }
    }

    /// <summary>
    /// Null when Prometheus' loaded groups for these files match the files exactly (names, rule order, kinds
    /// and expressions by their canonical form), waiting up to the verify timeout for them to appear.
    /// </summary>
    private async Task<string?> VerifyAsync(IPrometheus prometheus, PublishTargetOptions target, IReadOnlyList<ReleaseFile> files, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Value.VerifyTimeout;
        string? problem;
        do
        {
            try
            {
                var runtime = await prometheus.RuntimeInfoAsync(ct);
                problem = !runtime.ReloadConfigSuccess
                    ? "Prometheus reports that its last configuration reload failed."
                    : Compare(files, await prometheus.RulesAsync(ct), target.FilePrefix);
            }
            catch (PrometheusException e)
            {
                problem = $"Could not read what Prometheus loaded: {e.Message}";
            }

            if (problem is null)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, ct);
        }
        while (clock.GetUtcNow() < deadline);

        return $"Prometheus did not load the published rules within {options.Value.VerifyTimeout.TotalSeconds:0} s: {problem}";
    }

    internal static string? Compare(IReadOnlyList<ReleaseFile> files, IReadOnlyList<LoadedRuleGroup> loaded, string prefix = "")
    {
        foreach (var file in files)
        {
            var groups = loaded.Where(g => Path.GetFileName(g.File) == prefix + file.FileName).ToList();
            foreach (var expected in ParsedFiles.Of(file).Groups)
            {
                var group = groups.FirstOrDefault(g => g.Name == expected.Name);
                if (group is null)
                {
                    return $"group \"{expected.Name}\" of {file.FileName} is not loaded.";
                }

                if (group.Rules.Count != expected.Rules.Length)
                {
                    return $"group \"{expected.Name}\" of {file.FileName} has {group.Rules.Count} rules loaded, {expected.Rules.Length} published.";
                }

                for (var i = 0; i < group.Rules.Count; i++)
                {
                    var (want, have) = (expected.Rules[i], group.Rules[i]);
                    if (want.Name != have.Name || !SameExpression(want.Expr, have.Query))
                    {
                        return $"rule {i + 1} of group \"{expected.Name}\" in {file.FileName} is loaded as {have.Name}: {have.Query}, published as {want.Name}: {want.Expr}.";
                    }
                }
            }
        }

        return null;
    }

    private static bool SameExpression(string written, string loaded)
    {
        var (ours, theirs) = (PromQlParser.Parse(written).Expr, PromQlParser.Parse(loaded).Expr);
        if (ours is not null && theirs is not null)
        {
            return Canonical(ours) == Canonical(theirs);
        }

        // Past the parser's limits (a rule saved before they existed, or Prometheus' respaced print
        // grown over 64 KiB) the text without whitespace is the comparison that costs bounded work.
        return WithoutWhitespace(ours is null ? written : Canonical(ours)) == WithoutWhitespace(theirs is null ? loaded : Canonical(theirs));
    }

    private static string Canonical(Expr expr) => PromQlPrinter.Print(PromQlAst.SortMatchers(expr));

    private static string WithoutWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private IPrometheus Client(PublishTargetOptions target)
    {
        var client = http.CreateClient(ClientName);
        client.BaseAddress = target.Url ?? throw new InvalidOperationException($"Publish target {target.Name} has no Prometheus URL.");
        return new PrometheusClient(client);
    }

    private TargetResult Result(PublishTargetOptions target, TargetOutcome outcome, string detail) => new(target.Name, outcome, detail, clock.GetUtcNow());
}
