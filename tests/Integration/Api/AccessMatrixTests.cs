using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Access;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Publishing;
using Portal.Infrastructure.Reviews;
using Portal.Domain.Reviews;
using Portal.Tests.Integration.Publishing;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Api;

/// <summary>
/// Every write of every store and service, called directly (as the pages and the API call them) by five
/// kinds of caller, on a real database: the store or service itself must allow or refuse, a refusal must
/// leave a <c>denied.*</c> audit row and nothing else. The matrix is printed.
/// </summary>
[Collection(PublishingStack.Collection)]
public sealed class AccessMatrixTests(ApiPortal api, ITestOutputHelper output) : IClassFixture<ApiPortal>
{
    private const string Owner = "team-a";

    private static readonly Caller Setup = Caller.Of("matrix-setup", [PortalRole.Admin], []);

    private static readonly (string Label, Caller Caller)[] Callers =
    [
        ("Viewer", Caller.Of("vic-viewer", [PortalRole.Viewer], [Owner])),
        ("Editor, other team", Caller.Of("ed-other", [PortalRole.Editor], ["team-b"])),
        ("Editor, owning team", Caller.Of("ed-owner", [PortalRole.Editor], [Owner])),
        ("Publisher", Caller.Of("pat-publisher", [PortalRole.Publisher], [])),
        ("Admin", Caller.Of("ada-admin", [PortalRole.Admin], [])),
    ];

    private enum Verdict
    {
        Allowed,
        Denied,
    }

    private IRuleStore Rules => api.Portal.Services.GetRequiredService<IRuleStore>();

    private ICatalogLifecycle Lifecycle => api.Portal.Services.GetRequiredService<ICatalogLifecycle>();

    /// <summary>The operations, each with what it needs made first (as the setup admin) and the call itself.</summary>
    private IReadOnlyList<(string Name, PortalAction Action, Func<Caller, Task<Verdict>> Call)> Operations() =>
    [
        ("namespace.create", PortalAction.EditRules, async caller => Of(await Rules.CreateNamespaceAsync(Unique("ns"), Owner, caller, default))),
        ("group.create", PortalAction.EditRules, async caller =>
        {
            var ns = await NamespaceAsync();
            return Of(await Rules.SaveGroupAsync(new GroupEdit(null, ns.Id, "second", null, null, 0), caller, default));
        }),
        ("group.update", PortalAction.EditRules, async caller =>
        {
            var (group, _) = await RuleAsync();
            return Of(await Rules.SaveGroupAsync(new GroupEdit(group.Id, group.NamespaceId, "renamed", null, 10, group.Version), caller, default));
        }),
        ("rule.create", PortalAction.EditRules, async caller =>
        {
            var (group, _) = await RuleAsync();
            return Of(await Rules.SaveAsync(new RuleEdit(null, group.Id, Alert("Created"), 0), caller, default));
        }),
        ("rule.update (threshold)", PortalAction.EditRules, async caller =>
        {
            var (group, rule) = await RuleAsync();
            return Of(await Rules.SaveAsync(new RuleEdit(rule.Id, group.Id, rule.Content.WithThreshold(0.9), rule.Version, "tighter"), caller, default));
        }),
        ("rule.move", PortalAction.EditRules, async caller =>
        {
            var (group, rule) = await RuleAsync();
            var other = (await Rules.SaveGroupAsync(new GroupEdit(null, group.NamespaceId, "other", null, null, 0), Setup, default)).Value!;
            return Of(await Rules.MoveAsync(rule.Id, rule.Version, other.Id, 0, caller, default));
        }),
        ("rule.restore", PortalAction.EditRules, async caller =>
        {
            var (group, rule) = await RuleAsync();
            var changed = (await Rules.SaveAsync(new RuleEdit(rule.Id, group.Id, rule.Content.WithThreshold(0.7), rule.Version), Setup, default)).Value!;
            return Of(await Rules.RestoreAsync(rule.Id, 1, changed.Version, caller, default));
        }),
        ("rule.delete", PortalAction.EditRules, async caller =>
        {
            var (_, rule) = await RuleAsync();
            return Of(await Rules.DeleteAsync(rule.Id, rule.Version, caller, default));
        }),
        ("rules.import (existing namespace)", PortalAction.EditRules, async caller =>
        {
            var ns = await NamespaceAsync();
            return Of(await Rules.ImportAsync(new ImportRequest(ImportText, ns.Name), caller, default));
        }),
        ("rules.import (new namespace)", PortalAction.EditRules, async caller =>
            Of(await Rules.ImportAsync(new ImportRequest(ImportText, Unique("imported"), Team: Owner), caller, default))),
        ("namespace.rename", PortalAction.EditRules, async caller =>
            Of(await Lifecycle.ChangeNamespaceAsync((await NamespaceAsync()).Name, new NamespaceChange(Name: Unique("renamed")), caller, default))),
        ("namespace.archive", PortalAction.EditRules, async caller =>
            Of(await Lifecycle.ChangeNamespaceAsync((await NamespaceAsync()).Name, new NamespaceChange(Archived: true), caller, default))),
        ("namespace.delete", PortalAction.EditRules, async caller =>
        {
            var ns = await NamespaceAsync();
            return Of(await Lifecycle.DeleteNamespaceAsync(ns.Name, ns.Name, caller, default));
        }),
        ("rule.restore (from the trash)", PortalAction.EditRules, async caller =>
        {
            var (_, rule) = await RuleAsync();
            Assert.True((await Rules.DeleteAsync(rule.Id, rule.Version, Setup, default)).Succeeded);
            return Of(await Lifecycle.RestoreDeletedAsync(rule.Id, caller, default));
        }),
        // Allowed calls stop before writing anything where Prometheus reads: no note, a release or target that does not exist.
        ("release.publish", PortalAction.Publish, caller => Thrown(() => Publisher.PublishAsync(new PublishRequest(null, Confirm: true), caller, default))),
        ("release.rollback", PortalAction.Rollback, caller => Thrown(() => Publisher.RollbackAsync(long.MaxValue, new PublishRequest("back", Confirm: true), caller, default))),
        ("release.overwrite-drift", PortalAction.Publish, caller => Thrown(() => Publisher.OverwriteDriftAsync("no-such-target", caller, default))),
        // The matrix's Publisher belongs to no team: reviewing is for Publishers of the owning team (ReviewStoreTests has one).
        ("review.required", PortalAction.Review, async caller =>
            Of(await Service<IReviewStore>().SetRequiredAsync((await NamespaceAsync()).Name, true, caller, default))),
        ("review.approve", PortalAction.Review, async caller =>
        {
            var (group, _) = await RuleAsync();
            return Of(await Service<IReviewStore>().DecideAsync(group.Namespace, new ReviewRequest(ReviewDecision.Approve, null, null), caller, default));
        }),
        ("target.add", PortalAction.ManageTargets, async caller =>
            Of(await Service<IPublishTargets>().AddAsync(new PublishTarget(Unique("t"), new Uri("http://127.0.0.1:1/"), "/nonexistent", "", TargetSource.Database), caller, default))),
        ("target.remove", PortalAction.ManageTargets, caller => Thrown(() => Service<IPublishTargets>().RemoveAsync("no-such-target", caller, default))),
        ("team.create", PortalAction.ManageTeams, async caller => Of(await Service<ITeams>().CreateAsync(caller, Unique("team"), null, default))),
        ("team.delete", PortalAction.ManageTeams, async caller =>
        {
            var name = Unique("team");
            Assert.Empty(await Service<ITeams>().CreateAsync(Setup, name, null, default));
            return Of(await Service<ITeams>().DeleteAsync(caller, name, default));
        }),
        ("namespace.assign", PortalAction.ManageTeams, async caller =>
            Of(await Service<ITeams>().AssignNamespaceAsync(caller, (await NamespaceAsync()).Name, "team-b", default))),
        ("user.create", PortalAction.ManageUsers, async caller =>
            Of(await Service<IUserDirectory>().CreateAsync(caller, new UserEdit(Unique("user"), [PortalRole.Viewer], [], "a-long-enough-password"), default))),
        ("user.update", PortalAction.ManageUsers, async caller =>
        {
            var name = Unique("user");
            Assert.Empty(await Service<IUserDirectory>().CreateAsync(Setup, new UserEdit(name, [PortalRole.Viewer], [], "a-long-enough-password"), default));
            return Of(await Service<IUserDirectory>().UpdateAsync(caller, new UserEdit(name, [PortalRole.Editor], [Owner]), default));
        }),
    ];

    private const string ImportText = """
        groups:
        - name: imported
          rules:
          - alert: ImportedAlert
            expr: up == 0
        """;

    [Fact]
    public async Task EveryWrite_AllowsExactlyWhomThePolicyAllows_AndEveryRefusalIsAudited()
    {
        var audit = Service<IAuditLog>();
        var table = new StringBuilder();
        table.AppendLine($"{"write",-36}" + string.Concat(Callers.Select(c => $" | {c.Label,-19}")));
        table.AppendLine(new string('-', 36) + string.Concat(Callers.Select(_ => "-+-" + new string('-', 19))));
        var mismatches = new List<string>();
        var operations = Operations();
        foreach (var (name, action, call) in operations)
        {
            table.Append($"{name,-36}");
            foreach (var (label, caller) in Callers)
            {
                var before = await EntriesAsync(audit, caller.Name);
                var verdict = await call(caller);
                var after = await EntriesAsync(audit, caller.Name);
                var added = after.Where(e => before.All(b => b.Id != e.Id)).ToList();
                var expected = Expected(action, label);
                table.Append($" | {(verdict == Verdict.Allowed ? "allow" : "DENY"),-19}");
                if (verdict != expected)
                {
                    mismatches.Add($"{name} as {label}: {verdict}, expected {expected}");
                }

                // A refusal is one denied.* row, and the caller changed nothing: no row of a change in their name.
                if (verdict == Verdict.Denied && (added.Count != 1 || !added[0].Action.StartsWith("denied.", StringComparison.Ordinal)))
                {
                    mismatches.Add($"{name} as {label}: refused, but the audit rows added were [{string.Join(", ", added.Select(a => a.Action))}]");
                }

                if (verdict == Verdict.Allowed && added.Any(a => a.Action.StartsWith("denied.", StringComparison.Ordinal)))
                {
                    mismatches.Add($"{name} as {label}: allowed, yet a refusal was audited");
                }
            }

            table.AppendLine();
        }

        var printed = $"Access matrix: {operations.Count} writes × {Callers.Length} callers; namespaces owned by {Owner}\n{table}";
        output.WriteLine(printed);
        // Also on the runner's console, so ./portal test's log carries the matrix even when it passes.
        Console.WriteLine(printed);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>The issue's rules, written out here rather than asked of the policy under test.</summary>
    private static Verdict Expected(PortalAction action, string caller) => (action, caller) switch
    {
        (_, "Admin") => Verdict.Allowed,
        (PortalAction.EditRules, "Editor, owning team") => Verdict.Allowed,
        (PortalAction.Publish or PortalAction.Rollback, "Publisher") => Verdict.Allowed,
        _ => Verdict.Denied,
    };

    [Fact]
    public async Task ARefusedWrite_LeavesTheDataAsItWas()
    {
        var (group, rule) = await RuleAsync();
        var other = Callers.Single(c => c.Label == "Editor, other team").Caller;

        var update = await Rules.SaveAsync(new RuleEdit(rule.Id, group.Id, rule.Content.WithThreshold(0.99), rule.Version), other, default);
        var delete = await Rules.DeleteAsync(rule.Id, rule.Version, other, default);

        Assert.Equal(StoreOutcome.Forbidden, update.Outcome);
        Assert.Contains("team-a", update.Errors.Single().Message);
        Assert.Equal(StoreOutcome.Forbidden, delete.Outcome);
        var stored = await Rules.GetAsync(rule.Id, default);
        Assert.Equal(rule.Version, stored!.Version);
        Assert.Equal(rule.Content, stored.Content);
        Assert.Single(await Rules.HistoryAsync(rule.Id, default));
    }

    [Fact]
    public async Task MovingARule_IntoAnotherTeamsNamespace_NeedsBothTeams()
    {
        var (_, rule) = await RuleAsync();
        var theirs = (await Rules.CreateNamespaceAsync(Unique("theirs"), "team-b", Setup, default)).Value!;
        var theirGroup = (await Rules.SaveGroupAsync(new GroupEdit(null, theirs.Id, "g", null, null, 0), Setup, default)).Value!;
        var ownerEditor = Callers.Single(c => c.Label == "Editor, owning team").Caller;

        var moved = await Rules.MoveAsync(rule.Id, rule.Version, theirGroup.Id, 0, ownerEditor, default);
        var saved = await Rules.SaveAsync(new RuleEdit(rule.Id, theirGroup.Id, rule.Content, rule.Version), ownerEditor, default);

        Assert.Equal(StoreOutcome.Forbidden, moved.Outcome);
        Assert.Equal(StoreOutcome.Forbidden, saved.Outcome);
        Assert.Equal(rule.GroupId, (await Rules.GetAsync(rule.Id, default))!.GroupId);
    }

    private IPublisher Publisher => Service<IPublisher>();

    private T Service<T>()
        where T : notnull => api.Portal.Services.GetRequiredService<T>();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static RuleContent Alert(string name) =>
        new(RuleKind.Alerting, name, "rate(http_requests_total[5m]) > 0.5", PromDuration.Parse("5m"), null, LabelMap.Empty, LabelMap.Empty);

    private async Task<NamespaceSummary> NamespaceAsync()
    {
        var created = await Rules.CreateNamespaceAsync(Unique("owned"), Owner, Setup, default);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        return created.Value!;
    }

    /// <summary>A fresh namespace of the owning team with one group and one rule in it.</summary>
    private async Task<(GroupSummary Group, RuleDetail Rule)> RuleAsync()
    {
        var ns = await NamespaceAsync();
        var group = (await Rules.SaveGroupAsync(new GroupEdit(null, ns.Id, "main", null, null, 0), Setup, default)).Value!;
        var rule = (await Rules.SaveAsync(new RuleEdit(null, group.Id, Alert("Matrix"), 0), Setup, default)).Value!;
        return (group, rule);
    }

    private static Task<IReadOnlyList<AuditEntry>> EntriesAsync(IAuditLog audit, string actor) =>
        audit.QueryAsync(new AuditQuery(Actor: actor, Take: 500), default).ContinueWith(t => t.Result.Items, TaskScheduler.Default);

    private static Verdict Of<T>(StoreResult<T> result) => result.Outcome == StoreOutcome.Forbidden ? Verdict.Denied : Verdict.Allowed;

    private static Verdict Of(IReadOnlyList<(string Field, string Message)> problems) =>
        problems.Any(p => p.Field is "access" or "") ? Verdict.Denied : Verdict.Allowed;

    private static Verdict Of(IReadOnlyList<TargetError> problems) => problems.Any(p => p.Field == "access") ? Verdict.Denied : Verdict.Allowed;

    /// <summary>Services that refuse by throwing: anything else they throw (no such release or target) comes after the check.</summary>
    private static async Task<Verdict> Thrown<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return Verdict.Allowed;
        }
        catch (AccessDeniedException)
        {
            return Verdict.Denied;
        }
        catch (Portal.Infrastructure.Publishing.PublishingException)
        {
            return Verdict.Allowed;
        }
    }
}
