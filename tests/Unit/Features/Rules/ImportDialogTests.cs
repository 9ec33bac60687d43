using Portal.Security;
using Bunit;
using Bunit.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Rules;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

public class ImportDialogTests : RulesTestContext
{
    private const string TwoAlerts = """
        groups:
          - name: api
            rules:
              - alert: ApiErrors
                expr: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05
                for: 5m
              - alert: ApiDown
                expr: up{job="api"} == 0
                for: 1m
        """;

    private IDialogReference? _dialog;

    private IRenderedComponent<ContainerFragment> OpenDialog(string? @namespace = "payments")
    {
        var parameters = new DialogParameters<ImportDialog> { { d => d.Namespace, @namespace } };
        var (cut, dialog) = ShowDialog("Import rules", parameters);
        cut.WaitForAssertion(() => Assert.True(dialog.IsCompleted));
        _dialog = dialog.Result;
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=import-text]")));
        return cut;
    }

    /// <summary>The text box reports typing after a short debounce; the preview button waits for it.</summary>
    private static void Paste(IRenderedComponent<ContainerFragment> cut, string text)
    {
        cut.Find("[data-testid=import-text]").Input(text);
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=import-preview]").HasAttribute("disabled")));
    }

    [Fact]
    public void Preview_ShowsThePlansCountsAndItems()
    {
        Store.FixedPlan = new ImportPlan(
        [
            new ImportItem(ImportAction.Create, "alert", "ApiErrors", "api", 4, ""),
            new ImportItem(ImportAction.Create, "alert", "ApiDown", "api", 7, ""),
            new ImportItem(ImportAction.Update, "alert", "ApiSlow", "api", 10, "expression changed"),
            new ImportItem(ImportAction.Unchanged, "record", "job:http_requests:rate5m", "api", 13, ""),
            new ImportItem(ImportAction.Refuse, "alert", "Broken", "api", 16, "1:5: parse error: unexpected end of input"),
            new ImportItem(ImportAction.Note, "block", "block 2", "", 30, "a Prometheus configuration, not rules"),
        ], false, null);
        var cut = OpenDialog();

        Paste(cut, TwoAlerts);
        cut.Find("[data-testid=import-preview]").Click();

        cut.WaitForAssertion(() => Assert.Equal("2 to create", cut.Find("[data-testid=import-count-create]").TextContent.Trim()));
        Assert.Equal("1 to update", cut.Find("[data-testid=import-count-update]").TextContent.Trim());
        Assert.Equal("1 unchanged", cut.Find("[data-testid=import-count-unchanged]").TextContent.Trim());
        Assert.Equal("1 refused", cut.Find("[data-testid=import-count-refused]").TextContent.Trim());
        Assert.Equal(6, cut.FindAll("[data-testid=import-item]").Count);
        Assert.Contains("1:5: parse error", cut.Find("[data-testid=import-plan]").TextContent);
        Assert.Equal("Import 3 rules", cut.Find("[data-testid=import-confirm]").TextContent.Trim());
        Assert.Equal(("payments", TwoAlerts), (Store.Plans.Single().Namespace, Store.Plans.Single().Text));
    }

    [Fact]
    public void Preview_IsPlannedForTheSignedInUser_SoItRefusesWhatTheImportWould()
    {
        var cut = OpenDialog();
        Paste(cut, TwoAlerts);
        cut.Find("[data-testid=import-preview]").Click();

        cut.WaitForAssertion(() => Assert.Single(Store.PlanCallers));
        Assert.False(string.IsNullOrEmpty(Store.PlanCallers[0]));
    }

    [Fact]
    public void RefusedPlan_ShowsTheReason_AndCannotBeImported()
    {
        Store.FixedPlan = new ImportPlan([], true, "refused: an alias expands to more than 10,000 nodes");
        var cut = OpenDialog();

        Paste(cut, "a: &a [*a]");
        cut.Find("[data-testid=import-preview]").Click();

        cut.WaitForAssertion(() => Assert.Contains("more than 10,000 nodes", cut.Find("[data-testid=import-refused]").TextContent));
        Assert.True(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
        Assert.Equal("a: &a [*a]", cut.Find("[data-testid=import-text]").GetAttribute("value") ?? cut.Find("[data-testid=import-text]").TextContent);
    }

    [Fact]
    public async Task Import_WritesThePlan_AndClosesWithTheNamespace()
    {
        var cut = OpenDialog();
        Paste(cut, TwoAlerts);
        cut.Find("[data-testid=import-preview]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Import 2 rules", cut.Find("[data-testid=import-confirm]").TextContent.Trim()));

        cut.Find("[data-testid=import-confirm]").Click();

        var result = await _dialog!.Result;
        Assert.Equal("payments", result!.Data);
        var (request, actor) = Assert.Single(Store.Imports);
        Assert.Equal(("payments", "tester"), (request.Namespace, actor));
        cut.WaitForAssertion(() => Assert.Contains("Imported into payments: 2 created", cut.Markup));
    }

    [Fact]
    public async Task ANewNamespace_IsMadeForTheEditorsOwnTeam()
    {
        var editor = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "bea"), new(System.Security.Claims.ClaimTypes.Role, "Editor"), new(Portal.Infrastructure.Identity.PortalClaims.Team, "team-b")], "test"));
        Services.AddSingleton(new Portal.Security.ActingUser(new Api.ApiHttp.StaticOptions(new Portal.Api.V1.ApiSettings()), new Portal.Security.CircuitUser { Principal = editor }));
        var cut = OpenDialog("search-new");
        cut.WaitForAssertion(() => Assert.Contains("its Editors will change these rules", cut.Markup));
        Paste(cut, TwoAlerts);
        cut.Find("[data-testid=import-preview]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Import 2 rules", cut.Find("[data-testid=import-confirm]").TextContent.Trim()));

        cut.Find("[data-testid=import-confirm]").Click();

        await _dialog!.Result;
        var (request, actor) = Assert.Single(Store.Imports);
        Assert.Equal(("search-new", "team-b", "bea"), (request.Namespace, request.Team, actor));
    }

    [Fact]
    public void FailedImport_SaysWhy_AndKeepsThePastedText()
    {
        // What a database that went away looks like to the page: a provider exception, said in a fixed sentence.
        Store.ImportFailure = new Npgsql.NpgsqlException("connection refused");
        var cut = OpenDialog();
        Paste(cut, TwoAlerts);
        cut.Find("[data-testid=import-preview]").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled")));

        cut.Find("[data-testid=import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Nothing was imported: the database could not be reached", cut.Find("[data-testid=import-error]").TextContent));
        Assert.Contains("alert: ApiErrors", cut.Find("[data-testid=import-text]").GetAttribute("value") ?? cut.Find("[data-testid=import-text]").TextContent);
    }
}
