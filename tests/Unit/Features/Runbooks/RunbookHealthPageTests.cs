using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Runbooks;
using Portal.Features.Runbooks;
using Portal.Infrastructure.Runbooks;

namespace Portal.Tests.Unit.Features.Runbooks;

public class RunbookHealthPageTests : RunbooksTestContext
{
    private sealed class Alerts(params AlertRunbookRef[] alerts) : IRunbookCoverage
    {
        public Task<IReadOnlyList<AlertRunbookRef>> AlertsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AlertRunbookRef>>(alerts);
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("the page must not call out");
    }

    private void Use(IRunbookCoverage coverage, params string[] allowedHosts)
    {
        Services.AddSingleton(coverage);
        Services.AddSingleton(Options.Create(new PortalUrlOptions { PublicUrl = "https://alerts.example.org" }));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new RunbookLinkChecker(coverage, new NoHttp(), Options.Create(new RunbookLinkOptions { AllowedHosts = [.. allowedHosts] }),
            Options.Create(new PortalUrlOptions()), TimeProvider.System, NullLogger<RunbookLinkChecker>.Instance));
    }

    [Fact]
    public void CountsWhatNeedsFixing_AndListsEachRuleWithALinkToIt()
    {
        var lonely = new AlertRunbookRef(Guid.NewGuid(), "DiskFull", "storage", "team-a", null, null);
        Use(new Alerts(
            lonely,
            new AlertRunbookRef(Guid.NewGuid(), "Linked", "storage", "team-a", null, "pg"),
            new AlertRunbookRef(Guid.NewGuid(), "Dangling", "storage", "team-b", "https://alerts.example.org/runbooks/gone", null)));
        Store.Add("pg", "PostgreSQL", reviewDays: 30, reviewedAt: DateTimeOffset.UtcNow.AddDays(-90));

        var cut = RenderPage<RunbookHealthPage>();

        cut.WaitForAssertion(() => Assert.Equal("1 / 3", cut.Find("[data-testid=tile-without] p").TextContent.Trim()));
        Assert.Equal("1", cut.Find("[data-testid=tile-dangling] p").TextContent.Trim());
        Assert.Equal("1", cut.Find("[data-testid=tile-overdue] p").TextContent.Trim());
        var row = cut.Find("[data-testid=without-table] tbody tr");
        Assert.Contains("DiskFull", row.TextContent);
        Assert.Equal($"/rules/{lonely.RuleId:D}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("gone", cut.Find("[data-testid=dangling]").TextContent);
        Assert.Contains("not checked: no host is allowed", cut.Find("[data-testid=runbook-link-checks]").TextContent);
    }

    [Fact]
    public void NothingToFix_SaysSo()
    {
        Use(new Alerts(new AlertRunbookRef(Guid.NewGuid(), "Linked", "storage", "team-a", null, "pg")), "wiki.example.org");
        Store.Add("pg", "PostgreSQL");

        var cut = RenderPage<RunbookHealthPage>();

        cut.WaitForAssertion(() => Assert.Contains("Every alerting rule leads to a runbook", cut.Find("[data-testid=without-none]").TextContent));
        Assert.Contains("No runbook is past its review date", cut.Find("[data-testid=overdue-none]").TextContent);
        Assert.Contains("wiki.example.org", cut.Find("[data-testid=runbook-link-checks]").TextContent);
    }
}
