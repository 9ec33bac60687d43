using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Tests.Integration.Catalog;

namespace Portal.Tests.Integration.Audit;

/// <summary>The audit log on a migrated database: append-only by trigger, filtered and exported by the app.</summary>
public class AuditLogTests(CatalogDatabase database) : IClassFixture<CatalogDatabase>
{
    private AuditLog Log => new(database.Contexts);

    private async Task<string> NewNamespaceAsync(string actor)
    {
        var name = "audit-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await database.Store.CreateNamespaceAsync(name, "team-a", As.Admin(actor), default)).Succeeded);
        return name;
    }

    [Theory]
    [InlineData("UPDATE audit_events SET actor = 'someone-else'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    public async Task RewritingHistory_IsRefused_EvenThroughTheAppsOwnConnection(string sql)
    {
        await NewNamespaceAsync("history-keeper");
        await using var db = await database.Contexts.CreateDbContextAsync();
        var before = await db.AuditEvents.CountAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));

        Assert.Contains("append-only", refused.MessageText);
        Assert.Equal(before, await db.AuditEvents.CountAsync());
        Assert.DoesNotContain(await db.AuditEvents.Select(e => e.Actor).ToListAsync(), a => a == "someone-else");
    }

    [Fact]
    public async Task Filters_ByWhoWhatAndActionFamily()
    {
        var ns = await NewNamespaceAsync("auditor-ann");
        var group = (await database.Store.SaveGroupAsync(new GroupEdit(null, (await database.Store.NamespaceAsync(ns, default))!.Namespace.Id, "g", null, null, 0), As.Admin("auditor-ann"), default)).Value!;
        await database.Store.SaveAsync(new RuleEdit(null, group.Id,
            new RuleContent(RuleKind.Alerting, "AuditedAlert", "up == 0", null, null, LabelMap.Empty, LabelMap.Empty), 0), As.Admin("auditor-bob"), default);

        var byAnn = await Log.QueryAsync(new AuditQuery(Actor: "auditor-ann", Subject: ns), default);
        var rules = await Log.QueryAsync(new AuditQuery(Action: "rule.", Subject: ns), default);
        var exact = await Log.QueryAsync(new AuditQuery(Action: "namespace.create", Subject: ns), default);
        var future = await Log.QueryAsync(new AuditQuery(Subject: ns, From: DateTimeOffset.UtcNow.AddHours(1)), default);

        Assert.Equal(["group.create", "namespace.create"], byAnn.Items.Select(e => e.Action).Order());
        Assert.Equal("auditor-bob", Assert.Single(rules.Items).Actor);
        Assert.Equal(1, exact.Total);
        Assert.Equal(0, future.Total);
        Assert.Contains("namespace.create", await Log.ActionsAsync(default));
    }

    [Fact]
    public async Task Csv_HasAHeader_QuotesWhatNeedsIt_AndDefusesFormulas()
    {
        var ns = await NewNamespaceAsync("=HYPERLINK(\"evil\")");

        var csv = await Log.CsvAsync(new AuditQuery(Subject: ns), default);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("id,at,actor,action,subject,detail,source,client_address", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",\"'=HYPERLINK(\"\"evil\"\")\",namespace.create," + ns + ",", row);
    }

    [Fact]
    public async Task AnEntry_SaysWhereTheRequestCameFrom_AndTheClientsAddress()
    {
        var name = "origin-" + Guid.NewGuid().ToString("N")[..8];
        var caller = As.Admin("origin-tester") with { Source = Portal.Domain.Access.CallerSource.Api, Address = "10.1.2.3" };

        Assert.True((await database.Store.CreateNamespaceAsync(name, "team-a", caller, default)).Succeeded);

        var entry = Assert.Single((await Log.QueryAsync(new AuditQuery(Subject: name), default)).Items);
        Assert.Equal(("origin-tester", "api", "10.1.2.3"), (entry.Actor, entry.Source, entry.ClientAddress));
        Assert.EndsWith(",api,10.1.2.3", (await Log.CsvAsync(new AuditQuery(Subject: name), default)).TrimEnd());
    }

    [Fact]
    public async Task ARuleChange_IsAuditedWithItsBeforeAndAfter_FieldByField()
    {
        var ns = await NewNamespaceAsync("auditor-cy");
        var group = (await database.Store.SaveGroupAsync(new GroupEdit(null, (await database.Store.NamespaceAsync(ns, default))!.Namespace.Id, "g", null, null, 0), As.Admin("auditor-cy"), default)).Value!;
        var created = (await database.Store.SaveAsync(new RuleEdit(null, group.Id,
            new RuleContent(RuleKind.Alerting, "Latency", "histogram_quantile(0.9, rate(x_bucket[5m])) > 0.5", null, null, LabelMap.Empty, LabelMap.Empty), 0), As.Admin("auditor-cy"), default)).Value!;

        await database.Store.SaveAsync(new RuleEdit(created.Id, group.Id, created.Content.WithThreshold(0.7) with { Enabled = false }, created.Version, "too noisy"), As.Admin("auditor-cy"), default);

        var update = Assert.Single((await Log.QueryAsync(new AuditQuery(Action: "rule.update", Subject: ns), default)).Items);
        using var detail = System.Text.Json.JsonDocument.Parse(update.Detail!);
        Assert.Equal("too noisy", detail.RootElement.GetProperty("reason").GetString());
        var changes = detail.RootElement.GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("field").GetString(), c.GetProperty("before").GetString(), c.GetProperty("after").GetString())).ToList();
        Assert.Equal([("threshold", "0.5", "0.7"), ("enabled", "true", "false")], changes);
    }
}
