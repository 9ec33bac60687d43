using Bunit;
using Portal.Domain.Lint;
using Portal.Features.Rules;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>The namespace menu, the delete dialog, the trash and the address of a deleted rule.</summary>
public class NamespaceLifecycleUiTests : RulesTestContext
{
    private static TrashedRule Deleted(Guid id, string name = "ApiErrors", bool withNamespace = false) =>
        new(id, "payments", "api", RuleKind.Alerting, name, 3, FakeRuleStore.Now, "bob", "team-a") { WithNamespace = withNamespace };

    [Fact]
    public void ADeletedRulesAddress_SaysWhoDeletedItAndWhen_NotAnEmptyNewRule()
    {
        var id = Guid.NewGuid();
        Lifecycle.Deleted[id] = Deleted(id);

        var cut = RenderPage<RuleEditorPage>((nameof(RuleEditorPage.Id), (Guid?)id));

        cut.WaitForAssertion(() => Assert.Contains("was deleted by", cut.Find("[data-testid=deleted-rule]").TextContent));
        Assert.Contains("bob", cut.Find("[data-testid=deleted-rule]").TextContent);
        Assert.Equal("2026-11-23 12:00 UTC", cut.Find("[data-testid=deleted-rule-at]").TextContent);
        Assert.DoesNotContain("New rule", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=editor-load-error]"));
    }

    [Fact]
    public void Restore_OnTheDeletedRulesAddress_OpensItInTheEditor()
    {
        var group = Store.AddGroup("payments", "api");
        var live = Store.AddRule(group, FakeRuleStore.Alert("ApiErrors", "up == 0"));
        var id = Guid.NewGuid();
        Lifecycle.Deleted[id] = Deleted(id);
        Lifecycle.RestoredAs = _ => Store.GetAsync(live, default).Result!;
        var cut = RenderPage<RuleEditorPage>((nameof(RuleEditorPage.Id), (Guid?)id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=restore-rule]")));

        cut.Find("[data-testid=restore-rule]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=deleted-rule]")));
        Assert.Equal([id], Lifecycle.Restores);
        Assert.NotEmpty(cut.FindAll("[data-testid=editor-tabs]"));
    }

    [Fact]
    public void ARuleDeletedWithItsNamespace_CannotBeRestoredAlone()
    {
        var id = Guid.NewGuid();
        Lifecycle.Deleted[id] = Deleted(id, withNamespace: true);

        var cut = RenderPage<RuleEditorPage>((nameof(RuleEditorPage.Id), (Guid?)id));

        cut.WaitForAssertion(() => Assert.Contains("was deleted with its namespace", cut.Find("[data-testid=deleted-rule]").TextContent));
        Assert.True(cut.Find("[data-testid=restore-rule]").HasAttribute("disabled"));
    }

    [Fact]
    public void Trash_ListsDeletedRules_AndARestoreConflictIsSaid()
    {
        var id = Guid.NewGuid();
        Lifecycle.Deleted[id] = Deleted(id);
        var cut = RenderPage<TrashPage>((nameof(TrashPage.Name), "payments"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=trash-item]")));
        Assert.Contains("by bob", cut.Find("[data-testid=trash-item]").TextContent);

        cut.Find("[data-testid=restore-rule]").Click();

        cut.WaitForAssertion(() => Assert.Contains("already has a rule named ApiErrors", cut.Markup));
    }

    [Fact]
    public void DeleteDialog_WantsTheNameTyped_ThenDeletesAndLeavesForTheRulesList()
    {
        Store.AddNamespace("payments", "team-a");
        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "payments"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=namespace-menu]")));

        cut.Find("[data-testid=namespace-menu] button").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=namespace-delete]")));
        cut.Find("[data-testid=namespace-delete]").Click();
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=delete-namespace-submit]").HasAttribute("disabled")));
        cut.Find("[data-testid=delete-namespace-confirm]").Input("payment");
        Assert.True(cut.Find("[data-testid=delete-namespace-submit]").HasAttribute("disabled"));
        cut.Find("[data-testid=delete-namespace-confirm]").Input("payments");
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=delete-namespace-submit]").HasAttribute("disabled")));

        cut.Find("[data-testid=delete-namespace-submit]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/rules", Navigation.Uri));
        Assert.Equal([("payments", (string?)"payments")], Lifecycle.Deletes);
    }

    [Fact]
    public void ANamespaceWithoutATeam_AsksAnAdminToSetOne()
    {
        Store.AddNamespace("legacy");

        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "legacy"));

        cut.WaitForAssertion(() => Assert.Contains("no team — set one", cut.Find("[data-testid=namespace-team]").TextContent));
    }
}
