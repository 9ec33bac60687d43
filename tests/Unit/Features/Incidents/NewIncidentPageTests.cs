using Bunit;
using Portal.Components;
using Portal.Domain.Incidents;
using Portal.Features.Incidents;

namespace Portal.Tests.Unit.Features.Incidents;

public class NewIncidentPageTests : IncidentsTestContext
{
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(string address)
    {
        Navigation.NavigateTo(address);
        var cut = RenderPage<NewIncidentPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=new-incident-start]")));
        return cut;
    }

    [Fact]
    public void FromAFiringAlert_TheSeverityFollowsItsLabel_AndTheAlertIsSummedUp()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "ApiErrors", ["severity"] = "critical", ["instance"] = "api-1" };

        var cut = Open(PortalRoutes.NewIncidentFrom(null, labels));

        Assert.Contains("ApiErrors", cut.Find("[data-testid=new-incident-alert]").TextContent);
        Assert.Contains("instance=api-1", cut.Find("[data-testid=new-incident-labels]").TextContent);
        var severity = cut.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == "Severity");
        Assert.Equal("SEV-1", severity.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void FromARule_ItsExpressionIsShown_AndStartSendsRuleAndLabels_ThenOpensTheIncident()
    {
        Rules.AddNamespace("api", "team-a");
        var group = Rules.AddGroup("api", "errors");
        var ruleId = Rules.AddRule(group, Portal.Tests.Unit.Features.Rules.FakeRuleStore.Alert("ApiErrors", "rate(errors_total[5m]) > 0.3"));
        var cut = Open(PortalRoutes.NewIncidentFrom(ruleId, new Dictionary<string, string> { ["alertname"] = "ApiErrors", ["severity"] = "warning" }));

        Assert.Contains("rate(errors_total[5m]) > 0.3", cut.Find("[data-testid=new-incident-expr]").TextContent);
        cut.Find("[data-testid=new-incident-start]").Click();

        cut.WaitForAssertion(() => Assert.Single(Store.Starts));
        var start = Store.Starts[0];
        Assert.Equal(ruleId, start.RuleId);
        Assert.Equal("warning", start.AlertLabels!["severity"]);
        Assert.Equal("SEV-2", start.Severity);
        Assert.Equal(StarterIncidentTemplates.PostmortemKey, start.TemplateKey);
        Assert.EndsWith(PortalRoutes.IncidentFor(Store.Incidents[0].Id), Navigation.Uri);
    }

    [Fact]
    public void EvidenceProblems_AreHandedToTheIncidentPage_NotShownAsAFailure()
    {
        Store.StartProblems.Add("Prometheus did not answer; the chart was not stored.");
        var cut = Open("/incidents/new");
        cut.Find("[data-testid=new-incident-title] input, input[data-testid=new-incident-title]").Change("Checkout broken");
        cut.Find("[data-testid=new-incident-start]").Click();
        cut.WaitForAssertion(() => Assert.Single(Store.Starts));

        var notices = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IncidentNotices>(Services);
        Assert.Equal(["Prometheus did not answer; the chart was not stored."], notices.Take(Store.Incidents[0].Id));
        Assert.Equal("Checkout broken", Store.Starts[0].Title);
    }
}
