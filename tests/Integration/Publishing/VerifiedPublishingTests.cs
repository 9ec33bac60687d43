using Portal.Domain.Access;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Publishing;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Publishing;

/// <summary>
/// Issue 13 on the real Prometheus pair: verification by meaning, a namespace that does not load as
/// published rolled back alone, "live" only where verified, retries, and releases scoped to teams.
/// </summary>
[Collection(PublishingStack.Collection)]
public sealed class VerifiedPublishingTests(PublishingStack stack, ITestOutputHelper output)
{
    private static readonly Caller Admin = Caller.Of("verified-test", [PortalRole.Admin], []);

    private static string Ns(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static string Rules(params (string Name, string Expr)[] alerts) => "groups:\n- name: g\n  rules:\n" + string.Concat(alerts.Select(a => $"""
          - alert: {a.Name}
            expr: {a.Expr}
            labels:
              severity: warning
            annotations:
              summary: "{a.Name} fired"
              runbook_url: "https://runbooks.example/{a.Name}"

        """));

    private async Task ImportAsync(string @namespace, string yaml, string team = "platform", Caller? caller = null)
    {
        await using (var connection = new Npgsql.NpgsqlConnection(TestStack.DatabaseConnection(stack.Database)))
        {
            await connection.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand("INSERT INTO teams (name, created_at, created_by) VALUES (@name, now(), 'test') ON CONFLICT DO NOTHING", connection);
            insert.Parameters.AddWithValue("name", team);
            await insert.ExecuteNonQueryAsync();
        }

        var result = await stack.Rules.ImportAsync(new ImportRequest(yaml, @namespace, Team: team), caller ?? Admin, default);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.ToString())));
    }

    private async Task<PublishResult> PublishAsync(IPublisher publisher, Caller caller, IReadOnlyList<string>? namespaces = null, string note = "verified test")
    {
        var result = await publisher.PublishAsync(new PublishRequest(note, Confirm: true, ConfirmEmpty: true, namespaces), caller, default);
        output.WriteLine($"release {result.Release?.Number}: {result.Refusal}; scope {string.Join(", ", result.Plan.Scope)}");
        foreach (var target in result.Release?.Targets ?? [])
        {
            output.WriteLine($"  {target.Target}: {target.Outcome} — {target.Detail}");
        }

        return result;
    }

    private static async Task<IReadOnlyList<string>> LoadedQueriesAsync(PublishTargetOptions target, string @namespace) =>
        (await PublishingStack.Prometheus(target).RulesAsync(default))
            .Where(g => Path.GetFileName(g.File) == target.FilePrefix + ReleaseFiles.FileName(@namespace))
            .SelectMany(g => g.Rules.Select(r => r.Query))
            .ToList();

    [Fact]
    public async Task ExpressionsPrometheusRespells_VerifyLive_OnBothTargets()
    {
        var ns = Ns("spelling");
        await ImportAsync(ns, Rules(("EmptyBy", "(sum(up) by () / (2^16-256)) > 0.8"), ("Durations", "rate(up[90s]) > 1e3"), ("Quoted", "up{job='a', instance!=\"b\"} == 0")));

        var result = await PublishAsync(stack.Publisher, Admin, [ns]);

        Assert.Null(result.Refusal);
        Assert.All(result.Release!.Targets, t => Assert.Equal(TargetOutcome.Live, t.Outcome));
        Assert.All(result.Release.Targets, t => Assert.Contains(t.Namespaces, n => n.Namespace == ns && n.Kind == NamespaceOutcomeKind.Live));
        // Prometheus really did print them differently: the comparison is by meaning, not by text.
        var loaded = await LoadedQueriesAsync(stack.Pair[0], ns);
        Assert.Contains("(sum(up) / (2 ^ 16 - 256)) > 0.8", loaded);
        var live = await stack.Publisher.LiveAsync(default);
        Assert.All(live, t => Assert.Contains(t.Files, f => f.Namespace == ns && f.Release == result.Release.Number));
    }

    [Fact]
    public async Task ANamespaceLoadedDifferently_IsRolledBackAlone_NotShownLive_AndCanBeRetried()
    {
        var (good, bad) = (Ns("good"), Ns("tampered"));
        await ImportAsync(good, Rules(("GoodAlert", "up == 0")));
        await ImportAsync(bad, Rules(("TamperedAlert", "up == 0")));
        var first = await PublishAsync(stack.Publisher, Admin, [good, bad], "first");
        Assert.Equal("live", first.Release!.Status);

        await ImportAsync(good, Rules(("GoodAlert", "up == 0"), ("GoodSecond", "up > 1")));
        await ImportAsync(bad, Rules(("TamperedAlert", "up == 1")));
        // Between the write and the reload something (a config manager, say) changes the bad namespace's threshold.
        var hooks = new DeployHooks
        {
            AfterWrite = async (path, ct) =>
            {
                if (Path.GetFileName(path).EndsWith(ReleaseFiles.FileName(bad), StringComparison.Ordinal))
                {
                    await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path, ct)).Replace("up == 1", "up == 2"), ct);
                }
            },
        };
        var tampering = stack.Services(hooks: hooks).GetService(typeof(IPublisher)) as IPublisher;

        var second = await PublishAsync(tampering!, Admin, [good, bad], "second");

        Assert.Equal("partial", second.Release!.Status);
        foreach (var target in second.Release.Targets)
        {
            Assert.Equal(TargetOutcome.Partial, target.Outcome);
            var outcome = Assert.Single(target.Namespaces, n => n.Namespace == bad);
            Assert.Equal(NamespaceOutcomeKind.RolledBack, outcome.Kind);
            // Loaded but different is said as such, at once, with the rule and both forms.
            Assert.Contains("loaded, but rule TamperedAlert", outcome.Detail);
            Assert.Contains("up == 2", outcome.Detail);
            Assert.DoesNotContain("Not loaded within", outcome.Detail);
            Assert.Contains(target.Namespaces, n => n.Namespace == good && n.Kind == NamespaceOutcomeKind.Live);
            // The good namespace's new rule runs; the bad one runs its previous file again.
            var pair = stack.Pair.Single(p => p.Name == target.Target);
            Assert.Equal(2, (await LoadedQueriesAsync(pair, good)).Count);
            Assert.Equal(["up == 0"], await LoadedQueriesAsync(pair, bad));
        }

        var live = await stack.Publisher.LiveAsync(default);
        Assert.All(live, t => Assert.Equal(first.Release.Number, t.Files.Single(f => f.Namespace == bad).Release));
        Assert.All(live, t => Assert.Equal(second.Release.Number, t.Files.Single(f => f.Namespace == good).Release));

        // Not live, so not the base of the next plan: the change is still there to publish, and a retry takes it.
        var plan = await stack.Publisher.PlanAsync(new PublishRequest(null, false, Namespaces: [good, bad]), Admin, default);
        Assert.Equal(NamespaceStatus.Changed, plan.Namespaces.Single(n => n.Namespace == bad).Status);
        Assert.Equal(NamespaceStatus.Unchanged, plan.Namespaces.Single(n => n.Namespace == good).Status);
        Assert.True(second.Release.Retryable);
        var retry = await stack.Publisher.RollbackAsync(second.Release.Number, new PublishRequest("retry", Confirm: true, Namespaces: [good, bad]), Admin, default);
        Assert.Null(retry.Refusal);
        Assert.Equal("live", retry.Release!.Status);
        Assert.Equal([bad], retry.Plan.Scope);
        foreach (var pair in stack.Pair)
        {
            Assert.Equal(["up == 1"], await LoadedQueriesAsync(pair, bad));
        }
    }

    [Fact]
    public async Task PublishingRulesNoTargetHolds_CountsEveryRuleAsAdded()
    {
        var (a, b) = (Ns("fresh-a"), Ns("fresh-b"));
        await ImportAsync(a, Rules(("FreshOne", "up == 0"), ("FreshTwo", "up > 2")));
        await ImportAsync(b, Rules(("FreshThree", "up < 1")));

        var plan = await stack.Publisher.PlanAsync(new PublishRequest(null, false, Namespaces: [a, b]), Admin, default);

        Assert.Equal([a, b], plan.Scope.Order(StringComparer.Ordinal));
        Assert.All(plan.Namespaces.Where(n => n.Namespace == a || n.Namespace == b), n => Assert.Equal(NamespaceStatus.Added, n.Status));
        Assert.Equal(3, plan.Changes.Count(c => c.Kind == RuleChangeKind.Added));
        Assert.DoesNotContain(plan.Changes, c => c.Kind != RuleChangeKind.Added);
    }

    [Fact]
    public async Task ATeamsRelease_LeavesAnotherTeamsChangedNamespaceUntouchedOnDisk()
    {
        var (mine, theirs) = (Ns("team-a"), Ns("team-b"));
        await ImportAsync(mine, Rules(("MineAlert", "up == 0")), team: "team-a");
        await ImportAsync(theirs, Rules(("TheirsAlert", "up == 0")), team: "team-b");
        var first = await PublishAsync(stack.Publisher, Admin, [mine, theirs], "both teams");
        Assert.Equal("live", first.Release!.Status);
        var theirPath = Path.Combine(stack.Pair[0].RulesDirectory, stack.Pair[0].FilePrefix + ReleaseFiles.FileName(theirs));
        var before = await File.ReadAllTextAsync(theirPath);

        await ImportAsync(mine, Rules(("MineAlert", "up == 1")), team: "team-a");
        await ImportAsync(theirs, Rules(("TheirsAlert", "up == 1"), ("TheirsHalfDone", "up > 5")), team: "team-b");
        var publisherOfA = Caller.Of("alice", [PortalRole.Publisher], ["team-a"]);
        var result = await PublishAsync(stack.Publisher, publisherOfA);

        Assert.Null(result.Refusal);
        Assert.Contains(mine, result.Plan.Scope);
        Assert.DoesNotContain(theirs, result.Plan.Scope);
        var listed = result.Plan.Namespaces.Single(n => n.Namespace == theirs);
        Assert.Equal(NamespaceStatus.NotInRelease, listed.Status);
        Assert.Equal(2, listed.Pending);
        Assert.Equal(before, await File.ReadAllTextAsync(theirPath));
        Assert.Equal(["up == 1"], await LoadedQueriesAsync(stack.Pair[0], mine));
    }

    [Fact]
    public async Task ARollbackRevertingAnotherTeamsNamespace_ListsIt_AndTakesItOnlyWhenChosen()
    {
        var (mine, theirs) = (Ns("rb-a"), Ns("rb-b"));
        await ImportAsync(mine, Rules(("RbMine", "up == 0")), team: "team-a");
        await ImportAsync(theirs, Rules(("RbTheirs", "up == 0")), team: "team-b");
        var old = await PublishAsync(stack.Publisher, Admin, [mine, theirs], "old");
        await ImportAsync(mine, Rules(("RbMine", "up == 1")), team: "team-a");
        await ImportAsync(theirs, Rules(("RbTheirs", "up == 1")), team: "team-b");
        await PublishAsync(stack.Publisher, Admin, [mine, theirs], "new");

        var alice = Caller.Of("alice", [PortalRole.Publisher], ["team-a"]);
        var own = await stack.Publisher.RollbackAsync(old.Release!.Number, new PublishRequest("back", Confirm: true), alice, default);

        Assert.Null(own.Refusal);
        Assert.Contains(theirs, own.Plan.OthersReverted);
        Assert.Equal(["up == 0"], await LoadedQueriesAsync(stack.Pair[0], mine));
        Assert.Equal(["up == 1"], await LoadedQueriesAsync(stack.Pair[0], theirs));

        var both = await stack.Publisher.RollbackAsync(old.Release.Number, new PublishRequest("back, theirs too", Confirm: true, Namespaces: [theirs]), alice, default);
        Assert.Null(both.Refusal);
        Assert.Equal(["up == 0"], await LoadedQueriesAsync(stack.Pair[0], theirs));
    }

    [Fact]
    public async Task UnderReview_AnEditorsChangeWaitsForAnotherPublishersApproval_AndTheAuthorCannotApproveIt()
    {
        var ns = Ns("reviewed");
        await ImportAsync(ns, Rules(("ReviewedAlert", "up == 0")), team: "rv-team");
        Assert.Equal("live", (await PublishAsync(stack.Publisher, Admin, [ns], "baseline")).Release!.Status);
        var services = stack.Services();
        var reviews = (Portal.Infrastructure.Reviews.IReviewStore)services.GetService(typeof(Portal.Infrastructure.Reviews.IReviewStore))!;
        Assert.True((await reviews.SetRequiredAsync(ns, true, Admin, default)).Succeeded);

        var erin = Caller.Of("erin", [PortalRole.Editor, PortalRole.Publisher], ["rv-team"]);
        await ImportAsync(ns, Rules(("ReviewedAlert", "up == 3")), team: "rv-team", caller: erin);
        var publisher = (IPublisher)services.GetService(typeof(IPublisher))!;

        var waiting = await PublishAsync(publisher, Admin, [ns], "before approval");
        Assert.Equal(NamespaceStatus.AwaitingReview, waiting.Plan.Namespaces.Single(n => n.Namespace == ns).Status);
        Assert.StartsWith("Nothing to publish", waiting.Refusal);
        Assert.Equal(["up == 0"], await LoadedQueriesAsync(stack.Pair[0], ns));

        var review = (await reviews.ReviewAsync(ns, default))!;
        var own = await reviews.DecideAsync(ns, new Portal.Domain.Reviews.ReviewRequest(Portal.Domain.Reviews.ReviewDecision.Approve, "lgtm", review.Checksum), erin, default);
        Assert.Equal(StoreOutcome.Forbidden, own.Outcome);
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM audit_events WHERE actor = 'erin' AND action = 'denied.review.approve' AND subject = '{ns}'"));
        Assert.Equal(NamespaceStatus.AwaitingReview, (await publisher.PlanAsync(new PublishRequest(null, false, Namespaces: [ns]), Admin, default)).Namespaces.Single(n => n.Namespace == ns).Status);

        var pat = Caller.Of("pat", [PortalRole.Publisher], ["rv-team"]);
        Assert.True((await reviews.DecideAsync(ns, new Portal.Domain.Reviews.ReviewRequest(Portal.Domain.Reviews.ReviewDecision.Approve, "checked the threshold", review.Checksum), pat, default)).Succeeded);

        var approved = await PublishAsync(publisher, Admin, [ns], "after approval");
        Assert.Equal("live", approved.Release!.Status);
        Assert.Equal(["up == 3"], await LoadedQueriesAsync(stack.Pair[0], ns));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestStack.DatabaseConnection(stack.Database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
