using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Capacity;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Runbooks;
using Portal.Tests.Integration.Api;
using Portal.Tests.Integration.RuleFiles;

namespace Portal.Tests.Integration.Capacity;

/// <summary>Capacity against the real test stack: PostgreSQL for the models, the stack's Prometheus for their values.</summary>
public sealed class CapacityApiTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Team = "api-tests";

    private ICapacityStore Store => api.Portal.Services.GetRequiredService<ICapacityStore>();

    private ICapacityEvaluator Evaluator => api.Portal.Services.GetRequiredService<ICapacityEvaluator>();

    private static object Model(string name, string usage = "max(prometheus_tsdb_head_series)", double? limit = 1_000_000, string? limitQuery = null,
        string? runbookSlug = null, uint? version = null, string team = Team) => new
    {
        team, name, usageQuery = usage, limit, limitQuery, unit = "series", warning = 0.8, critical = 0.9,
        marks = new[] { new { name = "cliff", fraction = 0.95 } }, runbookSlug, version,
    };

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task TheStarterSet_ImportsAllOrNothing_AndEveryModelEvaluatesWithRealValues()
    {
        var team = "team-a";
        var imported = await Store.ImportStarterAsync(team, StarterCapacity.Set, Portal.Tests.Integration.As.Admin("capacity-test"), default);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        Assert.Equal(StarterCapacity.Set.Models.Count + 1 + StarterCapacity.Set.Baselines.Count, imported.Value);

        var report = await Evaluator.EvaluateAsync(default);

        Assert.Null(report.Unavailable);
        var portalScraped = (await api.Portal.Services.GetRequiredService<IPrometheus>().TargetsAsync(default))
            .Any(t => t.Job == "portal" && t.Health == "up");
        foreach (var spec in StarterCapacity.Set.Models)
        {
            var card = report.Models.Single(c => c.Model.Team == team && c.Model.Spec.Name == spec.Name);
            var a = card.Assessment;
            Assert.True(a.Limit is > 0 && double.IsFinite(a.Limit.Value), $"{spec.Name}: limit {a.Limit} ({a.Problem})");
            if (spec.UsageQuery.Contains("job=\"portal\"", StringComparison.Ordinal) && !portalScraped)
            {
                // The test stack's Prometheus scrapes the portal at its own address, where no portal runs during these tests.
                Assert.Equal(CapacityBand.NoData, a.Band);
                continue;
            }

            Assert.True(a.Current is { } current && double.IsFinite(current), $"{spec.Name}: current {a.Current} ({a.Problem})");
            Assert.Contains(a.Band, new[] { CapacityBand.Ok, CapacityBand.Warning, CapacityBand.Critical });
            Assert.StartsWith("At ", a.Recommendation);
            Assert.NotEmpty(card.Usage);
            Assert.Equal(spec.Limit.IsQuery, card.Limit.Count > 0);
        }

        var budget = Assert.Single(report.Budgets, b => b.Spec.Name == StarterCapacity.Set.Budgets[0].Name);
        Assert.True(budget.TotalBytes > 0, budget.Problem);
        Assert.Contains(budget.Components, c => c.Component.Name == "Redis" && c.UsedBytes > 0);
        var prometheusBaseline = Assert.Single(report.Baselines, b => b.Spec.Service == "Prometheus HTTP API");
        Assert.NotEqual(CapacityBand.Error, prometheusBaseline.Status);
    }

    [Fact]
    public async Task AnImportWithOneBadModel_WritesNothing()
    {
        var before = (await Store.ModelsAsync(default)).Count;
        var good = new CapacityModelEdit(null, Team, StarterCapacity.Set.Models[0] with { Name = Unique("good") }, 0);
        var bad = new CapacityModelEdit(null, Team, StarterCapacity.Set.Models[0] with { Name = Unique("bad"), Limit = CapacityLimit.Fixed(0) }, 0);

        var result = await Store.ImportModelsAsync([good, bad], Portal.Tests.Integration.As.Admin("capacity-test"), default);

        Assert.Equal(StoreOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Field == "models[1].limit" && e.Message.Contains("above zero"));
        Assert.Equal(before, (await Store.ModelsAsync(default)).Count);
    }

    [Fact]
    public async Task ModelsPastTheLimit_AreRefusedSayingSo_AndWriteNothing()
    {
        var admin = Portal.Tests.Integration.As.Admin("capacity-test");
        var store = ActivatorUtilities.CreateInstance<CapacityStore>(api.Portal.Services);
        var before = (await store.ModelsAsync(default)).Count;
        store.ModelLimit = before + 1;
        CapacityModelEdit New(string name) => new(null, Team, StarterCapacity.Set.Models[0] with { Name = Unique(name) }, 0);

        var two = await store.ImportModelsAsync([New("one"), New("two")], admin, default);
        Assert.Equal(StoreOutcome.Invalid, two.Outcome);
        Assert.Contains(two.Errors, e => e.Field == "models" && e.Message.Contains($"at most {before + 1}"));
        Assert.Equal(before, (await store.ModelsAsync(default)).Count);

        var first = await store.SaveModelAsync(New("fits"), admin, default);
        Assert.True(first.Succeeded, string.Join("; ", first.Errors));
        var next = await store.SaveModelAsync(New("over"), admin, default);
        Assert.Equal(StoreOutcome.Invalid, next.Outcome);
        Assert.Equal("models", Assert.Single(next.Errors).Field);

        Assert.True((await store.DeleteModelAsync(first.Value!.Id, first.Value.Version, admin, default)).Succeeded);
    }

    [Fact]
    public async Task EvaluatingInRequestsOfTwoQueries_FindsWhatOneRequestFinds_AndKeepsABrokenQueryToItsCard()
    {
        var broken = Unique("refused in a small request");
        var good = Unique("answered in a small request");
        using (var b = await api.Http.PostAsJsonAsync("/api/v1/capacity/models", Model(broken, usage: "max(label_replace(up, \"a\", \"$1\", \"job\", \"(\"))")))
        using (var g = await api.Http.PostAsJsonAsync("/api/v1/capacity/models", Model(good, limitQuery: "max(prometheus_tsdb_head_series) * 10", limit: null)))
        {
            Assert.Equal(HttpStatusCode.Created, b.StatusCode);
            Assert.Equal(HttpStatusCode.Created, g.StatusCode);
        }

        CapacityEvaluator With(int perRequest) => ActivatorUtilities.CreateInstance<CapacityEvaluator>(api.Portal.Services,
            Microsoft.Extensions.Options.Options.Create(new CapacityOptions { QueriesPerRequest = perRequest, CacheFor = TimeSpan.Zero }));

        var whole = await With(1_000).EvaluateAsync(default);
        var pieces = await With(2).EvaluateAsync(default);

        Assert.Null(pieces.Unavailable);
        Assert.Equal(whole.Models.Select(c => c.Model.Id), pieces.Models.Select(c => c.Model.Id));
        foreach (var (one, two) in whole.Models.Zip(pieces.Models))
        {
            // Values move between the two evaluations (memory, connections); whether there is one, and the limit, do not.
            Assert.Equal(one.Assessment.Current is null, two.Assessment.Current is null);
            Assert.Equal(one.Assessment.Problem is null, two.Assessment.Problem is null);
            if (one.Model.Spec.Limit.Query is null)
            {
                Assert.Equal(one.Assessment.Limit, two.Assessment.Limit);
            }
        }

        Assert.Equal(CapacityBand.Error, pieces.Models.Single(c => c.Model.Spec.Name == broken).Assessment.Band);
        var answered = pieces.Models.Single(c => c.Model.Spec.Name == good).Assessment;
        Assert.NotNull(answered.Current);
        Assert.True(answered.Limit > 0);
    }

    [Fact]
    public async Task Crud_WithETagsAndIfMatch_IsAudited()
    {
        var name = Unique("head series");
        using var created = await api.Http.PostAsJsonAsync("/api/v1/capacity/models", Model(name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var etag = created.Headers.ETag!.Tag;
        var body = await ApiPortal.JsonAsync(created);
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal("cliff", body.GetProperty("marks")[0].GetProperty("name").GetString());

        using var read = await api.Http.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(etag, read.Headers.ETag!.Tag);

        using var stalePut = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(Model(name + " renamed")) };
        stalePut.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var stale = await api.Http.SendAsync(stalePut);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var noVersion = await api.Http.PutAsJsonAsync(location, Model(name + " renamed"));
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);

        using var put = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(Model(name + " renamed")) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        using var saved = await api.Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);
        Assert.Equal(name + " renamed", (await ApiPortal.JsonAsync(saved)).GetProperty("name").GetString());

        using var delete = new HttpRequestMessage(HttpMethod.Delete, location);
        delete.Headers.IfMatch.Add(saved.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Http.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync(location)).StatusCode);

        var audit = api.Portal.Services.GetRequiredService<IAuditLog>();
        foreach (var action in new[] { "capacity.create", "capacity.update", "capacity.delete" })
        {
            var entries = await audit.QueryAsync(new AuditQuery(Action: action, Subject: action == "capacity.create" ? name : name + " renamed"), default);
            Assert.Single(entries.Items);
        }
    }

    [Fact]
    public async Task BadInput_IsRefusedAtItsField_WithThePosition()
    {
        using var zero = await api.Http.PostAsJsonAsync("/api/v1/capacity/models", Model(Unique("zero"), limit: 0));
        using var broken = await api.Http.PostAsJsonAsync("/api/v1/capacity/models", Model(Unique("broken"), usage: "sum(rate(x[5m])"));
        using var both = await api.Http.PostAsJsonAsync("/api/v1/capacity/models", Model(Unique("both"), limit: 5, limitQuery: "up"));

        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        var zeroError = (await ApiPortal.JsonAsync(zero)).GetProperty("fieldErrors")[0];
        Assert.Equal("limit", zeroError.GetProperty("field").GetString());
        Assert.Contains("must be above zero", zeroError.GetProperty("message").GetString());
        var brokenError = (await ApiPortal.JsonAsync(broken)).GetProperty("fieldErrors")[0];
        Assert.Equal("usageQuery", brokenError.GetProperty("field").GetString());
        Assert.Equal(1, brokenError.GetProperty("line").GetInt32());
        Assert.True(brokenError.GetProperty("column").GetInt32() > 1);
        Assert.Equal("limit", (await ApiPortal.JsonAsync(both)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task AViewer_Gets403_AndTheRefusalIsAudited()
    {
        var name = "capacity-viewer-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = api.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser(name);
            Assert.True((await users.CreateAsync(user, "Passw0rd-" + Guid.NewGuid().ToString("N"))).Succeeded);
            Assert.True((await users.AddToRolesAsync(user, [nameof(PortalRole.Viewer)])).Succeeded);
            Assert.True((await users.AddClaimAsync(user, new System.Security.Claims.Claim(PortalClaims.Team, Team))).Succeeded);
        }

        var (_, secret) = await api.Portal.Services.GetRequiredService<IApiTokens>().CreateAsync(Portal.Tests.Integration.As.Admin(name), "test", default);
        using var http = api.Portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var model = Unique("viewer");

        using var refused = await http.PostAsJsonAsync("/api/v1/capacity/models", Model(model));
        using var readable = await http.GetAsync("/api/v1/capacity/models");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Editor", (await ApiPortal.JsonAsync(refused)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, readable.StatusCode);
        var denied = await api.Portal.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: name, Action: "denied.capacity.create"), default);
        Assert.Equal(model, Assert.Single(denied.Items).Subject);
    }

    [Fact]
    public async Task AlertOnThis_CreatesADisabledRule_LinkedToTheRunbook_ThatPassesLintAndPromtool()
    {
        var slug = Unique("pg-connections");
        var runbook = await api.Portal.Services.GetRequiredService<IRunbookStore>().SaveAsync(
            new RunbookEdit(null, slug, "PostgreSQL connections", [], Team, "# What to do\n\nRaise max_connections or add a pooler.", null, null),
            Portal.Tests.Integration.As.Admin("capacity-test"), default);
        Assert.True(runbook.Succeeded, string.Join("; ", runbook.Errors));
        var pg = StarterCapacity.Set.Models.Single(m => m.Name == "PostgreSQL connections");
        using var created = await api.Http.PostAsJsonAsync("/api/v1/capacity/models", new
        {
            team = Team, name = Unique("pg"), usageQuery = pg.UsageQuery, limitQuery = pg.Limit.Query, unit = pg.Unit, warning = pg.Warning,
            critical = pg.Critical, marks = pg.Marks, runbookSlug = slug,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiPortal.JsonAsync(created)).GetProperty("id").GetGuid();

        using var alert = await api.Http.PostAsync($"/api/v1/capacity/models/{id}/alert", null);
        using var second = await api.Http.PostAsync($"/api/v1/capacity/models/{id}/alert", null);

        Assert.Equal(HttpStatusCode.Created, alert.StatusCode);
        var ruleId = (await ApiPortal.JsonAsync(alert)).GetProperty("ruleId").GetGuid();
        Assert.EndsWith($"/api/v1/rules/{ruleId}", alert.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var rule = (await api.Portal.Services.GetRequiredService<IRuleStore>().GetAsync(ruleId, default))!;
        Assert.False(rule.Content.Enabled);
        Assert.Equal(CapacityStore.NamespaceFor(Team), rule.Namespace);
        Assert.Equal(CapacityStore.AlertGroup, rule.Group);
        Assert.Equal(slug, rule.RunbookSlug);
        Assert.Equal("warning", rule.Content.Severity);
        Assert.Equal(Team, rule.Content.Labels["team"]);
        Assert.DoesNotContain(rule.Findings, f => f.Severity == LintSeverity.Error);
        var secondRule = (await api.Portal.Services.GetRequiredService<IRuleStore>().GetAsync((await ApiPortal.JsonAsync(second)).GetProperty("ruleId").GetGuid(), default))!;
        Assert.Equal(rule.GroupId, secondRule.GroupId);

        var file = Path.Combine(Path.GetTempPath(), $"capacity-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, RuleFileRenderer.Render(new RuleFile([new RuleGroup("capacity", [rule.Content.ToRule()])])));
        try
        {
            var check = await Promtool.CheckRulesAsync(file);
            Assert.True(check.Passed, check.Output);
        }
        finally
        {
            File.Delete(file);
        }

        var audit = await api.Portal.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: "capacity.alert"), default);
        Assert.Contains(audit.Items, e => e.Detail is { } d && d.Contains(ruleId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCapacity_MatchesTheEvaluatorsReport_AndShowsBrokenModelsInTheirCard()
    {
        var several = Unique("several series");
        var refused = Unique("refused by prometheus");
        using (var a = await api.Http.PostAsJsonAsync("/api/v1/capacity/models", Model(several, usage: "up")))
        using (var b = await api.Http.PostAsJsonAsync("/api/v1/capacity/models", Model(refused, usage: "max(label_replace(up, \"a\", \"$1\", \"job\", \"(\"))")))
        {
            Assert.Equal(HttpStatusCode.Created, a.StatusCode);
            Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        }

        var report = await Evaluator.EvaluateAsync(default);
        using var response = await api.Http.GetAsync("/api/v1/capacity");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await ApiPortal.JsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal(report.Models.Count, items.Count);
        foreach (var (card, item) in report.Models.Zip(items))
        {
            Assert.Equal(card.Model.Id, item.GetProperty("id").GetGuid());
            Assert.Equal(card.Assessment.Band.ToString().ToLowerInvariant(), item.GetProperty("band").GetString());
            Assert.Equal(card.Assessment.Current, Number(item.GetProperty("current")));
            Assert.Equal(card.Assessment.Limit, Number(item.GetProperty("limit")));
            Assert.Equal(card.Assessment.Recommendation, item.GetProperty("recommendation").GetString());
        }

        var severalCard = report.Models.Single(c => c.Model.Spec.Name == several).Assessment;
        Assert.Equal(CapacityBand.Error, severalCard.Band);
        Assert.Contains("series", severalCard.Problem);
        var refusedCard = report.Models.Single(c => c.Model.Spec.Name == refused).Assessment;
        Assert.Equal(CapacityBand.Error, refusedCard.Band);
        Assert.Contains("refused", refusedCard.Problem);
        // The broken ones do not spoil the others: the batch was retried query by query.
        Assert.Contains(report.Models, c => c.Assessment.Band is CapacityBand.Ok or CapacityBand.Warning or CapacityBand.Critical);
    }

    [Fact]
    public async Task PrometheusDown_KeepsTheModels_AndSaysWhy()
    {
        Assert.True((await Store.SaveModelAsync(new CapacityModelEdit(null, Team, StarterCapacity.Set.Models[3] with { Name = Unique("down") }, 0),
            Portal.Tests.Integration.As.Admin("capacity-test"), default)).Succeeded);
        await using var portal = new PortalFactory(new Dictionary<string, string?>(ApiPortal.Settings(api.Database, null))
        {
            ["Prometheus:Url"] = "http://127.0.0.1:9/",
        });

        var report = await portal.Services.GetRequiredService<ICapacityEvaluator>().EvaluateAsync(default);

        Assert.NotNull(report.Unavailable);
        Assert.NotEmpty(report.Models);
        Assert.All(report.Models, c => Assert.Equal(CapacityBand.Error, c.Assessment.Band));
    }

    private static double? Number(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDouble();
}
