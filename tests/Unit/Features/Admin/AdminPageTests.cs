using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Admin;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Unit.Features.Admin;

public class AdminPageTests : BunitTestContext
{
    private readonly FakeAuditLog _log = new();
    private readonly FakeTargets _targets = new();
    private readonly FakeUsers _users = new();
    private readonly FakeTeams _teams = new();

    public AdminPageTests()
    {
        Services.AddSingleton<IAuditLog>(_log);
        Services.AddSingleton<IPublishTargets>(_targets);
        Services.AddSingleton<Portal.Infrastructure.Identity.IUserDirectory>(_users);
        Services.AddSingleton<Portal.Infrastructure.Identity.ITeams>(_teams);
        Services.AddSingleton<Portal.Infrastructure.Catalog.IRuleStore>(new Rules.FakeRuleStore());
        Services.AddSingleton<Portal.Infrastructure.Runbooks.IRunbookStore>(new Fakes.FakeRunbookStore());
        Services.AddSingleton(Portal.Tests.Unit.Api.ApiHttp.User("admin-tester"));
        Services.AddSingleton(TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        _log.Entries.Add(new AuditEntry(1, now.AddMinutes(-5), "ann", "rule.update", "payments/api/HighErrors", "{\"reason\":\"tighter\"}"));
        _log.Entries.Add(new AuditEntry(2, now.AddMinutes(-1), "pia", "release.publish", "release 7", "{\"note\":\"weekly\"}"));
    }

    [Fact]
    public void ShowsTheEntries_WithWhoWhatAndDetail()
    {
        var cut = RenderPage<AdminPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-row]").Count));
        Assert.Contains("payments/api/HighErrors", cut.Markup);
        Assert.Contains("release.publish", cut.Markup);
        Assert.Contains("2 entries", cut.Find("[data-testid=audit-total]").TextContent);
    }

    [Fact]
    public void Filtering_AsksTheLog_AndTheExportLinkCarriesTheFilters()
    {
        var cut = RenderPage<AdminPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-row]").Count));

        cut.Find("input[data-testid=audit-actor], [data-testid=audit-actor] input").Change("pia");
        cut.Find("[data-testid=audit-search]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-row]")));
        Assert.Equal("pia", _log.Queries[^1].Actor);
        Assert.Equal("/admin/audit.csv?actor=pia", cut.Find("[data-testid=audit-export]").GetAttribute("href"));
    }

    [Fact]
    public void NothingMatching_SaysSo()
    {
        _log.Entries.Clear();

        var cut = RenderPage<AdminPage>();

        cut.WaitForAssertion(() => Assert.Contains("Nothing recorded matches", cut.Markup));
    }

    private static string Input(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    [Fact]
    public void Targets_FromConfigurationAreReadOnly_PortalOnesCanBeRemoved()
    {
        var cut = RenderPage<AdminPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=target-row]").Count));
        Assert.Empty(cut.FindAll("[data-testid=target-row][data-target=prometheus-a] [data-testid=target-remove]"));
        cut.Find("[data-testid=target-row][data-target=edge] [data-testid=target-remove]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=target-row]")));
    }

    [Fact]
    public void AddingATarget_ShowsProblemsAtTheField_KeepsTheInput_ThenAdds()
    {
        var cut = RenderPage<AdminPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=target-row]").Count));

        cut.Find(Input("target-name")).Change("staging");
        cut.Find(Input("target-url")).Change("http://staging:9090");
        cut.Find(Input("target-directory")).Change("relative");
        cut.Find("[data-testid=target-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("not an absolute directory", cut.Markup));
        Assert.Equal("staging", cut.Find(Input("target-name")).GetAttribute("value"));
        Assert.Empty(_targets.Added);

        cut.Find(Input("target-directory")).Change("/srv/staging/rules");
        cut.Find("[data-testid=target-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=target-row]").Count));
        Assert.Equal(("staging", "admin-tester"), (_targets.Added.Single().Target.Name, _targets.Added.Single().Actor));
    }

    [Fact]
    public void AnUnreadableUrl_IsReportedAtItsField()
    {
        var cut = RenderPage<AdminPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=target-row]").Count));

        cut.Find(Input("target-name")).Change("x");
        cut.Find(Input("target-url")).Change("not a url");
        cut.Find("[data-testid=target-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Type an absolute address", cut.Markup));
        Assert.Empty(_targets.Added);
    }

    [Fact]
    public void Users_ListsRolesAndTeams_AndSavesAChange()
    {
        var cut = RenderPage<AdminPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=user-row]").Count));

        cut.Find("[data-testid=user-row][data-user=ann] input[data-testid=user-teams], [data-testid=user-row][data-user=ann] [data-testid=user-teams] input").Change("team-a, team-b");
        cut.Find("[data-testid=user-row][data-user=ann] [data-testid=user-save]").Click();

        cut.WaitForAssertion(() => Assert.Single(_users.Updates));
        Assert.Equal(["team-a", "team-b"], _users.Updates[0].Edit.Teams);
        Assert.Equal([Portal.Domain.Access.PortalRole.Editor], _users.Updates[0].Edit.Roles);
    }

    [Fact]
    public void Teams_AreListedWithTheirUse_AndAnAdminAddsOne_WhileADuplicateIsSaidAtTheName()
    {
        var cut = RenderPage<AdminPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=team-row]").Count));
        // A team in use cannot be deleted; an unused one can.
        Assert.True(cut.Find("[data-testid=team-row][data-team=team-a] button[data-testid=team-delete], [data-testid=team-row][data-team=team-a] [data-testid=team-delete]").HasAttribute("disabled"));

        cut.Find("[data-testid=team-name] input, input[data-testid=team-name]").Change("team-a");
        cut.Find("[data-testid=team-add]").Click();
        cut.WaitForAssertion(() => Assert.Contains("exists already", cut.Find("[data-testid=teams-panel]").TextContent));
        Assert.Equal(2, _teams.Teams.Count);

        cut.Find("[data-testid=team-name] input, input[data-testid=team-name]").Change("payments");
        cut.Find("[data-testid=team-add]").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=team-row]").Count));
        Assert.Contains(_teams.Teams, t => t.Name == "payments");
    }
}
