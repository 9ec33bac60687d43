using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Admin;
using Portal.Infrastructure.Audit;

namespace Portal.Tests.Unit.Features.Admin;

public class AdminPageTests : BunitTestContext
{
    private sealed class FakeAuditLog : IAuditLog
    {
        public List<AuditEntry> Entries { get; } = [];

        public List<AuditQuery> Queries { get; } = [];

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct)
        {
            Queries.Add(query);
            var matching = Entries.Where(e => query.Actor is null || e.Actor == query.Actor).ToList();
            return Task.FromResult(new AuditPage(matching.Skip(query.Skip).Take(query.Take).ToList(), matching.Count));
        }

        public Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<string>>(Entries.Select(e => e.Action).Distinct().Order().ToList());

        public Task<string> CsvAsync(AuditQuery query, CancellationToken ct) => Task.FromResult("");
    }

    private readonly FakeAuditLog _log = new();

    public AdminPageTests()
    {
        Services.AddSingleton<IAuditLog>(_log);
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
}
