using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Integration.Catalog;

/// <summary>Rename, hand over, archive and delete namespaces, and the trash of deleted rules, on the real database.</summary>
public class NamespaceLifecycleTests(CatalogDatabase database) : IClassFixture<CatalogDatabase>
{
    private static readonly Caller Admin = As.Admin("alice");
    private static readonly Caller EditorA = Caller.Of("erin", [PortalRole.Editor], ["team-a"]);
    private static readonly Caller EditorAB = Caller.Of("ed", [PortalRole.Editor], ["team-a", "team-b"]);
    private static readonly Caller EditorB = Caller.Of("bob", [PortalRole.Editor], ["team-b"]);

    private IRuleStore Store => database.Store;

    private ICatalogLifecycle Lifecycle => (ICatalogLifecycle)database.Store;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static RuleContent Alert(string name) => new(RuleKind.Alerting, name, "up == 0", PromDuration.Parse("5m"), null,
        LabelMap.Of(("severity", "warning")), LabelMap.Empty);

    /// <summary>A namespace of team-a with group "api" and one rule in it.</summary>
    private async Task<(string Name, GroupSummary Group, RuleDetail Rule)> NamespaceWithRuleAsync(string rule = "Down")
    {
        var name = Unique("ns");
        var ns = (await Store.CreateNamespaceAsync(name, "team-a", Admin, default)).Value!;
        var group = (await Store.SaveGroupAsync(new GroupEdit(null, ns.Id, "api", null, null, 0), Admin, default)).Value!;
        var saved = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert(rule), 0), Admin, default)).Value!;
        return (name, group, saved);
    }

    private async Task<List<string>> AuditActionsAsync(string subject)
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        return await db.AuditEvents.Where(e => e.Subject == subject).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }

    [Fact]
    public async Task Rename_ExportsUnderTheNewName_FreesTheOldOne_AndIsAudited()
    {
        var (name, _, rule) = await NamespaceWithRuleAsync();
        var renamed = Unique("renamed");

        var result = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Name: renamed), EditorA, default);

        Assert.Equal(StoreOutcome.Saved, result.Outcome);
        Assert.Equal(renamed, result.Value!.Name);
        Assert.Null(await Store.NamespaceAsync(name, default));
        var exports = await Store.ExportAsync(null, default);
        Assert.Contains(exports, e => e.Namespace == renamed && e.File.AllRules.Any(r => r.Name == "Down"));
        Assert.DoesNotContain(exports, e => e.Namespace == name);
        Assert.Equal(renamed, (await Store.GetAsync(rule.Id, default))!.Namespace);
        Assert.Contains("namespace.rename", await AuditActionsAsync(name));
    }

    [Fact]
    public async Task Rename_ToANameInUse_IsAConflict_AndAnInvalidName_IsRefusedWithTheRule()
    {
        var (first, _, _) = await NamespaceWithRuleAsync();
        var (second, _, _) = await NamespaceWithRuleAsync();

        var taken = await Lifecycle.ChangeNamespaceAsync(second, new NamespaceChange(Name: first), Admin, default);
        var invalid = await Lifecycle.ChangeNamespaceAsync(second, new NamespaceChange(Name: "Has Spaces"), Admin, default);
        var missing = await Lifecycle.ChangeNamespaceAsync(Unique("nothing"), new NamespaceChange(Archived: true), Admin, default);

        Assert.Equal(StoreOutcome.Conflict, taken.Outcome);
        Assert.Contains("already exists", taken.Errors.Single().Message);
        Assert.Equal(StoreOutcome.Invalid, invalid.Outcome);
        Assert.Equal("name", invalid.Errors.Single().Field);
        Assert.Equal(StoreOutcome.NotFound, missing.Outcome);
    }

    [Fact]
    public async Task Archive_MakesItReadOnly_AndKeepsItOutOfTheExport_UntilUnarchived()
    {
        var (name, group, rule) = await NamespaceWithRuleAsync();

        var archived = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Archived: true), EditorA, default);

        Assert.True(archived.Value!.Archived);
        Assert.Equal("erin", archived.Value.ArchivedBy);
        Assert.DoesNotContain(await Store.ExportAsync(null, default), e => e.Namespace == name);
        Assert.True((await Store.GetAsync(rule.Id, default))!.Archived);
        // The namespace page reads this one: it must know, to show the namespace read-only.
        var page = (await Store.NamespaceAsync(name, default))!.Namespace;
        Assert.True(page.Archived);
        Assert.Equal("erin", page.ArchivedBy);
        var save = await Store.SaveAsync(new RuleEdit(rule.Id, group.Id, Alert("Down") with { Enabled = false }, rule.Version), Admin, default);
        var create = await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("New"), 0), Admin, default);
        var delete = await Store.DeleteAsync(rule.Id, rule.Version, Admin, default);
        var import = await Store.ImportAsync(new ImportRequest("groups:\n- name: api\n  rules:\n  - alert: X\n    expr: up == 0\n", name), Admin, default);
        Assert.All([save.Outcome, create.Outcome, delete.Outcome, import.Outcome], o => Assert.Equal(StoreOutcome.Invalid, o));
        Assert.Contains("archived", save.Errors.Single().Message);
        Assert.Contains("archived", import.Value!.RefusedReason);

        var back = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Archived: false), EditorA, default);
        Assert.False(back.Value!.Archived);
        Assert.Contains(await Store.ExportAsync(null, default), e => e.Namespace == name);
        Assert.Equal(["namespace.create", "namespace.archive", "namespace.unarchive"], (await AuditActionsAsync(name)).Where(a => a.StartsWith("namespace.")));
    }

    [Fact]
    public async Task Delete_NeedsTheNameTyped_HidesItsRules_AndTheNameIsFreeAtOnce()
    {
        var (name, _, rule) = await NamespaceWithRuleAsync();

        var unconfirmed = await Lifecycle.DeleteNamespaceAsync(name, null, EditorA, default);
        var mistyped = await Lifecycle.DeleteNamespaceAsync(name, name + "x", EditorA, default);
        Assert.Equal(StoreOutcome.Invalid, unconfirmed.Outcome);
        Assert.Equal("confirm", mistyped.Errors.Single().Field);
        Assert.NotNull(await Store.NamespaceAsync(name, default));

        var deleted = await Lifecycle.DeleteNamespaceAsync(name, name, EditorA, default);

        Assert.Equal(StoreOutcome.Saved, deleted.Outcome);
        Assert.DoesNotContain(await Store.NamespacesAsync(default), n => n.Name == name);
        Assert.DoesNotContain(await Store.ExportAsync(null, default), e => e.Namespace == name);
        Assert.Null(await Store.GetAsync(rule.Id, default));
        var gone = (await Lifecycle.DeletedRuleAsync(rule.Id, default))!;
        Assert.True(gone.WithNamespace);
        Assert.Equal("erin", gone.DeletedBy);
        Assert.Equal(StoreOutcome.NotFound, (await Lifecycle.RestoreDeletedAsync(rule.Id, Admin, default)).Outcome);
        Assert.Equal(StoreOutcome.NotFound, (await Lifecycle.DeleteNamespaceAsync(name, name, Admin, default)).Outcome);

        // The same name again, at once, and empty: the deleted namespace's rules stay with it.
        var again = await Store.CreateNamespaceAsync(name, "team-b", Admin, default);
        Assert.Equal(StoreOutcome.Saved, again.Outcome);
        Assert.Equal(0, (await Store.ListAsync(new RuleQuery(Namespace: name), default)).Total);
        Assert.Equal(0, (await Store.NamespaceAsync(name, default))!.Namespace.RuleCount);
        Assert.Contains("namespace.delete", await AuditActionsAsync(name));
    }

    [Fact]
    public async Task AnotherTeamsEditor_MayNotRenameArchiveOrDelete_AndTheRefusalsAreAudited()
    {
        var (name, _, _) = await NamespaceWithRuleAsync();

        var rename = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Name: Unique("taken")), EditorB, default);
        var archive = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Archived: true), EditorB, default);
        var delete = await Lifecycle.DeleteNamespaceAsync(name, name, EditorB, default);

        Assert.All([rename.Outcome, archive.Outcome, delete.Outcome], o => Assert.Equal(StoreOutcome.Forbidden, o));
        Assert.Contains("team team-a", delete.Errors.Single().Message);
        Assert.NotNull(await Store.NamespaceAsync(name, default));
        Assert.Equal(["denied.namespace.rename", "denied.namespace.archive", "denied.namespace.delete"],
            (await AuditActionsAsync(name)).Where(a => a.StartsWith("denied.")));
    }

    [Fact]
    public async Task HandingOver_NeedsBothTeamsRights_AndAnExistingTeam()
    {
        var (name, _, _) = await NamespaceWithRuleAsync();

        var onlyFrom = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Team: "team-b"), EditorA, default);
        var noSuchTeam = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Team: "nobody-here"), Admin, default);
        var blank = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Team: " "), Admin, default);
        var both = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Team: "team-b"), EditorAB, default);

        Assert.Equal(StoreOutcome.Forbidden, onlyFrom.Outcome);
        Assert.Equal("team", noSuchTeam.Errors.Single().Field);
        Assert.Equal("team", blank.Errors.Single().Field);
        Assert.Equal("team-b", both.Value!.Team);
    }

    [Fact]
    public async Task ANamespaceWithoutATeam_IsAnAdminsToHandToOne()
    {
        var name = Unique("orphan");
        // As namespaces made before a team was required were left: the portal's own import may still make one.
        Assert.True((await Store.ImportAsync(new ImportRequest("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n", name), Caller.System(), default)).Succeeded);
        Assert.Equal("", (await Store.NamespaceAsync(name, default))!.Namespace.Team);

        var editor = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Team: "team-a"), EditorA, default);
        var admin = await Lifecycle.ChangeNamespaceAsync(name, new NamespaceChange(Team: "team-a"), Admin, default);

        Assert.Equal(StoreOutcome.Forbidden, editor.Outcome);
        Assert.Contains("owning team", editor.Errors.Single().Message);
        Assert.Equal("team-a", admin.Value!.Team);
    }

    [Fact]
    public async Task ATeam_IsRequired_ForANamespaceMadeByAPerson()
    {
        var ui = As.Admin("alice") with { Source = CallerSource.Ui };
        var api = As.Admin("alice") with { Source = CallerSource.Api };
        const string text = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n";

        var created = await Store.CreateNamespaceAsync(Unique("noteam"), " ", ui, default);
        var imported = await Store.ImportAsync(new ImportRequest(text, Unique("noteam")), api, default);
        var planned = await Store.PlanImportAsync(new ImportRequest(text, Unique("noteam")), ui, default);

        Assert.Equal("team", created.Errors.Single().Field);
        Assert.Equal(StoreOutcome.Invalid, imported.Outcome);
        Assert.Equal("team", imported.Errors.Single().Field);
        Assert.Contains("Say which team owns the namespace", imported.Errors.Single().Message);
        Assert.True(planned.Refused);
        Assert.Contains("Say which team owns the namespace", planned.RefusedReason);
    }

    [Fact]
    public async Task ADeletedRule_SaysWhoDeletedIt_IsInTheTrash_AndComesBackWithItsHistory()
    {
        var (name, _, rule) = await NamespaceWithRuleAsync();
        Assert.True((await Store.DeleteAsync(rule.Id, rule.Version, EditorA, default)).Succeeded);

        var trash = (await Lifecycle.TrashAsync(name, default))!;
        var item = Assert.Single(trash);
        Assert.Equal(("Down", "erin", false), (item.Name, item.DeletedBy, item.WithNamespace));
        Assert.Equal("erin", (await Lifecycle.DeletedRuleAsync(rule.Id, default))!.DeletedBy);
        Assert.Equal(StoreOutcome.Forbidden, (await Lifecycle.RestoreDeletedAsync(rule.Id, EditorB, default)).Outcome);

        var restored = await Lifecycle.RestoreDeletedAsync(rule.Id, EditorA, default);

        Assert.Equal(StoreOutcome.Saved, restored.Outcome);
        Assert.Equal(rule.Content, (await Store.GetAsync(rule.Id, default))!.Content);
        Assert.Null(await Lifecycle.DeletedRuleAsync(rule.Id, default));
        Assert.Empty((await Lifecycle.TrashAsync(name, default))!);
        var history = await Store.HistoryAsync(rule.Id, default);
        Assert.Equal([2, 1], history.Select(v => v.Number));
        Assert.Equal(("erin", "restored from the trash"), (history[0].Actor, history[0].Reason));
        Assert.Contains(await Store.ExportAsync(name, default), e => e.File.AllRules.Any(r => r.Name == "Down"));
        Assert.Equal(["rule.delete", "rule.restore"], (await AuditActionsAsync($"{name}/api/Down")).Where(a => a is "rule.delete" or "rule.restore"));
    }

    [Fact]
    public async Task Restoring_WhileALiveRuleHasTheName_IsAConflict_ThatSaysWhatToDo()
    {
        var (name, group, rule) = await NamespaceWithRuleAsync("Twin");
        Assert.True((await Store.DeleteAsync(rule.Id, rule.Version, Admin, default)).Succeeded);
        Assert.True((await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("Twin"), 0), Admin, default)).Succeeded);

        var restored = await Lifecycle.RestoreDeletedAsync(rule.Id, Admin, default);

        Assert.Equal(StoreOutcome.Conflict, restored.Outcome);
        Assert.Contains("already has a rule named Twin", restored.Errors.Single().Message);
        Assert.NotNull(await Lifecycle.DeletedRuleAsync(rule.Id, default));
        Assert.Null(await Lifecycle.TrashAsync(Unique("none"), default));
        Assert.Equal(StoreOutcome.NotFound, (await Lifecycle.RestoreDeletedAsync(Guid.NewGuid(), Admin, default)).Outcome);
        Assert.Single((await Lifecycle.TrashAsync(name, default))!);
    }
}
