using Portal.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Publishing;

/// <summary>
/// The publish pipeline against the real Prometheus pair of the test stack and the real promtool:
/// what Prometheus loads after a publish is read back from its own API.
/// </summary>
[Collection(PublishingStack.Collection)]
public sealed class PublisherTests(PublishingStack stack, ITestOutputHelper output)
{
    private static readonly Caller Actor = Caller.Of("publisher-test", [PortalRole.Admin], []);

    private static string Ns(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private async Task<IReadOnlyList<RuleDetail>> ImportAsync(string @namespace, string yaml)
    {
        var result = await stack.Rules.ImportAsync(new ImportRequest(yaml, @namespace), Actor, default);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.ToString())));
        var page = await stack.Rules.ListAsync(new RuleQuery(Namespace: @namespace, Take: 100), default);
        return await Task.WhenAll(page.Items.Select(async i => (await stack.Rules.GetAsync(i.Id, default))!));
    }

    private static string Alert(string name, string expr, string group = "g") => $"""
        groups:
        - name: {group}
          rules:
          - alert: {name}
            expr: {expr}
            labels:
              severity: warning
            annotations:
              summary: "{name} fired"
        """;

    private async Task<PublishResult> PublishAsync(string note = "test publish", IPublisher? publisher = null)
    {
        var result = await (publisher ?? stack.Publisher).PublishAsync(new PublishRequest(note, Confirm: true, ConfirmEmpty: true), Actor, default);
        output.WriteLine($"release {result.Release?.Number}: {result.Refusal}");
        foreach (var target in result.Release?.Targets ?? [])
        {
            output.WriteLine($"  {target.Target}: {target.Outcome} — {target.Detail}");
        }

        return result;
    }

    private static async Task<IReadOnlyList<LoadedRule>> LoadedAsync(PublishTargetOptions target, string file) =>
        (await PublishingStack.Prometheus(target).RulesAsync(default)).Where(g => Path.GetFileName(g.File) == file).SelectMany(g => g.Rules).ToList();

    [Fact]
    public async Task Publish_LoadsTheRulesOnBothReplicas_AndAnAlwaysTrueAlertFires()
    {
        var ns = Ns("live");
        await ImportAsync(ns, Alert("AlwaysFiringForPublish", "vector(1) > 0"));
        // Prometheus re-prints what it loaded (matchers sorted, spacing of its own): verification must see through that.
        await ImportAsync(Ns("printed"), Alert("PrintedDifferently",
            "sum by (job, instance) (rate(prometheus_http_requests_total{job=\"prometheus\", code=~\"5..\", handler!=\"\"}[5m])) > 10"));

        var result = await PublishAsync();

        Assert.NotNull(result.Release);
        Assert.All(result.Release!.Targets, t => Assert.Equal(TargetOutcome.Live, t.Outcome));
        Assert.Equal(2, result.Release.Targets.Count);
        foreach (var target in stack.Pair)
        {
            var loaded = await LoadedAsync(target, ns + ".yml");
            Assert.Equal("vector(1) > 0", Assert.Single(loaded).Query);
            var file = await File.ReadAllTextAsync(Path.Combine(target.RulesDirectory, ns + ".yml"));
            Assert.StartsWith($"# Managed by the Alert Rule Portal: namespace \"{ns}\", release {result.Release.Number},", file);
        }

        // Two evaluation intervals of 5 s, plus a little for the HTTP round trips.
        var prometheus = PublishingStack.Prometheus(stack.Pair[0]);
        var deadline = DateTime.UtcNow.AddSeconds(12);
        IReadOnlyList<ActiveAlert> alerts;
        do
        {
            alerts = await prometheus.AlertsAsync(default);
            if (alerts.Any(a => a.Labels["alertname"] == "AlwaysFiringForPublish" && a.State == "firing"))
            {
                break;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Contains(alerts, a => a.Labels["alertname"] == "AlwaysFiringForPublish" && a.State == "firing");
    }

    [Fact]
    public async Task ThresholdChange_IsLoaded_AndDeletingTheRulesRemovesTheFile()
    {
        var ns = Ns("change");
        var rule = (await ImportAsync(ns, Alert("ChangingThreshold", "up > 0.5"))).Single();
        Assert.All((await PublishAsync("first")).Release!.Targets, t => Assert.Equal(TargetOutcome.Live, t.Outcome));

        await stack.Rules.SaveAsync(new RuleEdit(rule.Id, rule.GroupId, rule.Content.WithThreshold(0.75), rule.Version, "tighter"), Actor, default);
        var plan = await stack.Publisher.PlanAsync(default);
        var change = Assert.Single(plan.Changes, c => c.Namespace == ns);
        Assert.Equal(new FieldChange("threshold", "0.5", "0.75"), Assert.Single(change.Fields));
        Assert.Contains(plan.Authors, a => a.Rule == "ChangingThreshold" && a.Reason == "tighter");
        var second = await PublishAsync("tighter threshold");

        Assert.All(second.Release!.Targets, t => Assert.Equal(TargetOutcome.Live, t.Outcome));
        foreach (var target in stack.Pair)
        {
            Assert.Equal("up > 0.75", Assert.Single(await LoadedAsync(target, ns + ".yml")).Query);
        }

        var current = (await stack.Rules.GetAsync(rule.Id, default))!;
        await stack.Rules.DeleteAsync(current.Id, current.Version, Actor, default);
        var third = await PublishAsync("namespace retired");

        Assert.Contains(third.Plan.Namespaces, n => n.Namespace == ns && n.Status == NamespaceStatus.Removed);
        foreach (var target in stack.Pair)
        {
            Assert.False(File.Exists(Path.Combine(target.RulesDirectory, ns + ".yml")));
            Assert.Empty(await LoadedAsync(target, ns + ".yml"));
        }
    }

    [Fact]
    public async Task ANamespacePromtoolRejects_IsHeldBack_WithItsLiveFileUntouched_WhileOthersPublish()
    {
        var broken = Ns("broken");
        var healthy = Ns("healthy");
        var rule = (await ImportAsync(broken, Alert("SoonBroken", "up > 0.5"))).Single();
        Assert.NotNull((await PublishAsync("before the mistake")).Release);
        var liveBefore = await File.ReadAllTextAsync(Path.Combine(stack.Pair[0].RulesDirectory, broken + ".yml"));

        // A row the app would never write (an older version's data, a hand-made SQL fix): only promtool stands in the way.
        await using (var connection = new NpgsqlConnection(TestStack.DatabaseConnection(stack.Database)))
        {
            await connection.OpenAsync();
            await using var corrupt = new NpgsqlCommand("UPDATE rules SET expr_head = 'sum(rate(up[5m])', threshold_text = NULL, expr_tail = '' WHERE id = @id", connection);
            corrupt.Parameters.AddWithValue("id", rule.Id);
            Assert.Equal(1, await corrupt.ExecuteNonQueryAsync());
        }

        await ImportAsync(healthy, Alert("StillPublished", "up > 0.9"));
        var result = await PublishAsync("with one broken namespace");

        var held = Assert.Single(result.Plan.HeldBack);
        Assert.Equal(broken, held.Namespace);
        var promtool = Assert.Single(held.Problems, p => p.StartsWith("promtool"));
        output.WriteLine(promtool);
        Assert.Contains("line ", promtool);
        Assert.Contains("SoonBroken", promtool);
        Assert.Contains(broken, result.Release!.HeldBack);
        foreach (var target in stack.Pair)
        {
            Assert.Equal(liveBefore, await File.ReadAllTextAsync(Path.Combine(target.RulesDirectory, broken + ".yml")));
            Assert.Equal("up > 0.9", Assert.Single(await LoadedAsync(target, healthy + ".yml")).Query);
        }

        Assert.All(result.Release.Targets, t => Assert.Equal(TargetOutcome.Live, t.Outcome));

        // Put the rule right again so later publishes in this fixture are not held back for it.
        await using (var connection = new NpgsqlConnection(TestStack.DatabaseConnection(stack.Database)))
        {
            await connection.OpenAsync();
            await using var fix = new NpgsqlCommand("UPDATE rules SET enabled = false WHERE id = @id", connection);
            fix.Parameters.AddWithValue("id", rule.Id);
            await fix.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task AStoredRuleOverTheExpressionLimits_IsHeldBack_AndThePublishCompletesOnEveryTarget()
    {
        // Before the limits, an Editor could save a 10,000-term rule; publishing it then overflowed the stack
        // while verifying and took the process down on every publish. Such a row may still be in a database.
        var huge = Ns("huge");
        var healthy = Ns("healthy");
        var rule = (await ImportAsync(huge, Alert("OnceSaved", "up > 0.5"))).Single();
        await using (var connection = new NpgsqlConnection(TestStack.DatabaseConnection(stack.Database)))
        {
            await connection.OpenAsync();
            await using var grow = new NpgsqlCommand("UPDATE rules SET expr_head = @expr, threshold_text = NULL, expr_tail = '' WHERE id = @id", connection);
            grow.Parameters.AddWithValue("expr", string.Join(" + ", Enumerable.Repeat("up", 10_000)) + " > 0.5");
            grow.Parameters.AddWithValue("id", rule.Id);
            Assert.Equal(1, await grow.ExecuteNonQueryAsync());
        }

        await ImportAsync(healthy, Alert("PublishedBeside", "up > 0.9"));
        var result = await PublishAsync("with a rule past the limits");

        var held = Assert.Single(result.Plan.HeldBack, h => h.Namespace == huge);
        Assert.Contains(held.Problems, p => p.Contains("OnceSaved", StringComparison.Ordinal) && p.Contains("limit", StringComparison.Ordinal));
        Assert.NotNull(result.Release);
        Assert.All(result.Release.Targets, t => Assert.Equal(TargetOutcome.Live, t.Outcome));
        foreach (var target in stack.Pair)
        {
            Assert.False(File.Exists(Path.Combine(target.RulesDirectory, huge + ".yml")));
            Assert.Equal("up > 0.9", Assert.Single(await LoadedAsync(target, healthy + ".yml")).Query);
        }

        await using (var connection = new NpgsqlConnection(TestStack.DatabaseConnection(stack.Database)))
        {
            await connection.OpenAsync();
            await using var off = new NpgsqlCommand("UPDATE rules SET enabled = false WHERE id = @id", connection);
            off.Parameters.AddWithValue("id", rule.Id);
            await off.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task AReplicaThatCannotLoadTheFiles_IsRolledBack_WhileTheOtherGoesLive()
    {
        var ns = Ns("split");
        await ImportAsync(ns, Alert("SplitOutcome", "up > 0.25"));
        var foreign = Path.Combine(stack.Pair[1].RulesDirectory, "hand-made.yml");
        try
        {
            // Someone's hand-made file, broken: Prometheus loads rule files all or nothing, so B refuses every reload.
            await File.WriteAllTextAsync(foreign, "groups:\n- name: hand\n  rules:\n  - alert: X\n    expr: sum(\n");

            var result = await PublishAsync("while B has a broken foreign file");

            var a = result.Release!.Targets.Single(t => t.Target == stack.Pair[0].Name);
            var b = result.Release.Targets.Single(t => t.Target == stack.Pair[1].Name);
            Assert.Equal(TargetOutcome.Live, a.Outcome);
            Assert.Equal(TargetOutcome.RolledBack, b.Outcome);
            Assert.Contains("refused the reload", b.Detail);
            Assert.Single(await LoadedAsync(stack.Pair[0], ns + ".yml"));
            Assert.False(File.Exists(Path.Combine(stack.Pair[1].RulesDirectory, ns + ".yml")));
            Assert.Equal("partial", result.Release.Status);

            var drift = await stack.Publisher.DriftAsync(default);
            Assert.Contains("hand-made.yml", drift.Single(d => d.Target == stack.Pair[1].Name).ForeignFiles);
        }
        finally
        {
            File.Delete(foreign);
        }
    }

    [Fact]
    public async Task AStoppedPrometheus_IsPendingReload_ThenLiveOnceItRunsAgain()
    {
        await using var own = new PublishingStack.OwnPrometheus();
        Directory.CreateDirectory(own.RulesDirectory);
        var target = own.Target("own-" + Guid.NewGuid().ToString("N")[..6]);
        var services = stack.Services([target]);
        var ns = Ns("pending");
        await ImportAsync(ns, Alert("WaitsForPrometheus", "up > 0.1"));

        var result = await PublishAsync("Prometheus is down", services.GetRequiredService<IPublisher>());

        var outcome = Assert.Single(result.Release!.Targets);
        Assert.Equal(TargetOutcome.PendingReload, outcome.Outcome);
        Assert.True(File.Exists(Path.Combine(own.RulesDirectory, ns + ".yml")));
        Assert.Equal("pending", result.Release.Status);

        await own.StartAsync();
        // The monitor with a feed, as in the portal: pages on every replica hear the retry's outcome.
        await using var feed = await Cluster.ChangeFeedTests.FeedAsync(TestStack.RedisConfiguration, "portal:test:" + Guid.NewGuid().ToString("N"));
        using var heard = new Cluster.NoticeLog(feed.Feed);
        await ActivatorUtilities.CreateInstance<PublishingMonitor>(services, feed.Feed).RetryPendingAsync(default);

        var after = (await services.GetRequiredService<IReleaseStore>().GetAsync(result.Release.Number, default))!;
        Assert.Equal(TargetOutcome.Live, Assert.Single(after.Summary.Targets).Outcome);
        Assert.Single(await LoadedAsync(target, ns + ".yml"));
        var notice = await heard.FirstAsync(n => n.Kind == Portal.Infrastructure.Cluster.ChangeKinds.Release, TimeSpan.FromSeconds(10));
        Assert.Equal(result.Release.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), notice.Key);
        Assert.Equal($"{target.Name}: Live after 2 reload attempts", notice.Detail);
    }

    [Fact]
    public async Task ATargetAddedInThePortal_IsCheckedWhereTyped_ThenPublishedToUnderItsPrefix()
    {
        await using var own = new PublishingStack.OwnPrometheus();
        await own.StartAsync();
        var targets = stack.Services().GetRequiredService<IPublishTargets>();
        var name = "added-" + Guid.NewGuid().ToString("N")[..6];

        var refused = await targets.AddAsync(new PublishTarget("Bad Name", new Uri("ftp://x/"), "relative/dir", "a/b", TargetSource.Database), Actor, default);
        var duplicate = await targets.AddAsync(new PublishTarget(stack.Pair[0].Name, new Uri("http://127.0.0.1:1/"), own.RulesDirectory, "", TargetSource.Database), Actor, default);
        var added = await targets.AddAsync(new PublishTarget(name, own.Target(name).Url!, own.RulesDirectory, "portal-", TargetSource.Database), Actor, default);

        Assert.Equal(["filePrefix", "name", "rulesDirectory", "url"], refused.Select(e => e.Field).Order());
        Assert.Equal("name", Assert.Single(duplicate).Field);
        Assert.Empty(added);
        var listed = await targets.ListAsync(default);
        Assert.Equal(TargetSource.Configuration, listed.Single(t => t.Name == stack.Pair[0].Name).Source);
        Assert.Equal(TargetSource.Database, listed.Single(t => t.Name == name).Source);
        try
        {
            var ns = Ns("prefixed");
            await ImportAsync(ns, Alert("PublishedWithAPrefix", "up > 0.15"));
            var result = await PublishAsync("three targets now");

            Assert.Equal(TargetOutcome.Live, result.Release!.Targets.Single(t => t.Target == name).Outcome);
            Assert.True(File.Exists(Path.Combine(own.RulesDirectory, "portal-" + ns + ".yml")));
            Assert.Single(await LoadedAsync(own.Target(name), "portal-" + ns + ".yml"));
            Assert.Empty((await stack.Publisher.DriftAsync(default)).Single(d => d.Target == name).Files);
        }
        finally
        {
            Assert.True(await targets.RemoveAsync(name, Actor, default));
        }

        Assert.DoesNotContain(await targets.ListAsync(default), t => t.Name == name);
    }

    [Fact]
    public async Task AHandEditedLiveFile_IsReportedAsDrift_AndOverwritingPutsTheReleaseBack()
    {
        var ns = Ns("drift");
        await ImportAsync(ns, Alert("DriftingRule", "up > 0.3"));
        Assert.NotNull((await PublishAsync("before the hand edit")).Release);
        var path = Path.Combine(stack.Pair[0].RulesDirectory, ns + ".yml");
        var published = await File.ReadAllTextAsync(path);

        await File.WriteAllTextAsync(path, published.Replace("up > 0.3", "up > 0.99"));
        var drift = (await stack.Publisher.DriftAsync(default)).Single(d => d.Target == stack.Pair[0].Name);

        var file = Assert.Single(drift.Files);
        Assert.Equal(DriftKind.Modified, file.Kind);
        Assert.Contains("up > 0.99", file.LiveContent);
        Assert.Equal(1, Portal.Infrastructure.Metrics.PortalMetrics.RulesDrift.WithLabels(stack.Pair[0].Name).Value);

        var overwritten = await stack.Publisher.OverwriteDriftAsync(stack.Pair[0].Name, Actor, default);

        Assert.Equal(TargetOutcome.Live, overwritten.Outcome);
        Assert.Equal(published, await File.ReadAllTextAsync(path));
        Assert.Empty((await stack.Publisher.DriftAsync(default)).Single(d => d.Target == stack.Pair[0].Name).Files);
    }

    [Fact]
    public async Task ConcurrentPublishes_AreSerialised_AndADoubleClickPublishesOnce()
    {
        await ImportAsync(Ns("twice"), Alert("PublishedOnce", "up > 0.2"));

        var both = await Task.WhenAll(PublishAsync("click"), PublishAsync("click"));

        var made = Assert.Single(both, r => r.Release is not null);
        var refused = Assert.Single(both, r => r.Release is null);
        Assert.StartsWith("Nothing to publish", refused.Refusal);
        var latest = (await stack.Services().GetRequiredService<IReleaseStore>().ListAsync(0, 1, default)).Single();
        Assert.Equal(made.Release!.Number, latest.Number);
        var files = (await stack.Services().GetRequiredService<IReleaseStore>().GetAsync(latest.Number, default))!.Files;
        foreach (var file in files)
        {
            Assert.Equal(file.Content, await File.ReadAllTextAsync(Path.Combine(stack.Pair[0].RulesDirectory, file.FileName)));
        }
    }

    [Fact]
    public async Task Rollback_RepublishesAnOldRelease_AsANewRelease()
    {
        var ns = Ns("rollback");
        var rule = (await ImportAsync(ns, Alert("RolledBackRule", "up > 0.4"))).Single();
        var first = (await PublishAsync("good")).Release!;
        await stack.Rules.SaveAsync(new RuleEdit(rule.Id, rule.GroupId, rule.Content.WithThreshold(0.6), rule.Version, "oops"), Actor, default);
        Assert.NotNull((await PublishAsync("bad")).Release);

        var rollback = await stack.Publisher.RollbackAsync(first.Number, new PublishRequest("back to good", Confirm: true), Actor, default);

        Assert.Equal(first.Number, rollback.Release!.RollbackOf);
        var audit = new Portal.Infrastructure.Audit.AuditLog(stack.Services().GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Infrastructure.Persistence.PortalDbContext>>());
        var entry = Assert.Single((await audit.QueryAsync(new(Action: "release.rollback", Subject: $"release {rollback.Release.Number}"), default)).Items);
        Assert.Equal(Actor.Name, entry.Actor);
        Assert.Contains("back to good", entry.Detail);
        Assert.Contains(rollback.Plan.Changes, c => c.Namespace == ns && c.Fields.Contains(new FieldChange("threshold", "0.6", "0.4")));
        foreach (var target in stack.Pair)
        {
            Assert.Equal("up > 0.4", Assert.Single(await LoadedAsync(target, ns + ".yml")).Query);
        }
    }

    [Fact]
    public async Task AWriteDyingBeforeItsRename_LeavesTheOldFileWhole_AndTheTargetFailedNotHalfPublished()
    {
        var ns = Ns("crash");
        var rule = (await ImportAsync(ns, Alert("CrashRule", "up > 0.45"))).Single();
        Assert.NotNull((await PublishAsync("before the crash")).Release);
        var path = Path.Combine(stack.Pair[0].RulesDirectory, ns + ".yml");
        var before = await File.ReadAllTextAsync(path);
        await stack.Rules.SaveAsync(new RuleEdit(rule.Id, rule.GroupId, rule.Content.WithThreshold(0.55), rule.Version, "crash"), Actor, default);
        var hooks = new DeployHooks
        {
            BeforeRename = temporary =>
            {
                if (temporary.StartsWith(stack.Pair[0].RulesDirectory, StringComparison.Ordinal))
                {
                    throw new IOException("simulated crash between write and rename");
                }
            },
        };
        var crashing = stack.Services(hooks: hooks).GetRequiredService<IPublisher>();

        var result = await PublishAsync("during a crash", crashing);

        var a = result.Release!.Targets.Single(t => t.Target == stack.Pair[0].Name);
        Assert.Equal(TargetOutcome.Failed, a.Outcome);
        Assert.Contains("simulated crash", a.Detail);
        Assert.Equal(before, await File.ReadAllTextAsync(path));
        Assert.Empty(Directory.GetFiles(stack.Pair[0].RulesDirectory, ".*.tmp"));
        Assert.Equal(TargetOutcome.Live, result.Release.Targets.Single(t => t.Target == stack.Pair[1].Name).Outcome);

        // The catalog did not change, but A is behind: the next publish is not "nothing to publish", and brings it level.
        var again = await PublishAsync("after the crash");
        Assert.All(again.Release!.Targets, t => Assert.Equal(TargetOutcome.Live, t.Outcome));
        Assert.Contains("up > 0.55", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task ARefusedPublish_SaysWhy_AndWritesNothing()
    {
        await ImportAsync(Ns("refused"), Alert("NeedsANote", "up > 0.7"));
        var before = (await stack.Services().GetRequiredService<IReleaseStore>().ListAsync(0, 1, default)).FirstOrDefault()?.Number;

        var noNote = await stack.Publisher.PublishAsync(new PublishRequest("  ", Confirm: true), Actor, default);
        var dryRun = await stack.Publisher.PublishAsync(new PublishRequest("a note", Confirm: false), Actor, default);

        Assert.Contains("release note", noNote.Refusal);
        Assert.Null(dryRun.Release);
        Assert.Contains(dryRun.Plan.Changes, c => c.Rule == "NeedsANote" && c.Kind == RuleChangeKind.Added);
        Assert.Equal(before, (await stack.Services().GetRequiredService<IReleaseStore>().ListAsync(0, 1, default)).FirstOrDefault()?.Number);
    }
}
