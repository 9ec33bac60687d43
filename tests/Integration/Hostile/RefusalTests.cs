using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Domain.Access;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Hostile;

/// <summary>
/// Refusals a hostile caller provokes are 4xx problem details naming the field, with an audit row for every
/// access refusal, whatever the length or characters of the input; races of identical creates are 409;
/// a failure nobody handled is problem details under /api in every environment, and no page shows a stack trace.
/// </summary>
public sealed class RefusalTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Rule = "groups:\n  - name: g\n    rules:\n      - alert: Imported\n        expr: up == 0\n";

    [Fact]
    public async Task ImportIntoA500CharacterNamespace_ByAViewer_Is403_AndAuditedWithATruncatedSubject()
    {
        var (viewer, http) = await UserAsync(PortalRole.Viewer);
        var name = "v" + new string('a', 499);

        using var import = await http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={name}", new StringContent(Rule, Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(import, HttpStatusCode.Forbidden);
        var row = Assert.Single((await DeniedAsync(viewer)).Items);
        Assert.Equal("denied.rules.import", row.Action);
        Assert.True(row.Subject.Length <= 400, $"{row.Subject.Length} characters");
        Assert.StartsWith("vaaaa", row.Subject);
        Assert.EndsWith($"…(+{500 - row.Subject.IndexOf('…', StringComparison.Ordinal)} chars)", row.Subject);
    }

    [Fact]
    public async Task A500CharacterNamespace_CreatedByAViewer_Is403_AndAudited()
    {
        var (viewer, http) = await UserAsync(PortalRole.Viewer);

        using var created = await http.PostAsJsonAsync("/api/v1/namespaces", new { name = new string('n', 500), team = "api-tests" });

        await AssertProblemAsync(created, HttpStatusCode.Forbidden);
        Assert.EndsWith("chars)", Assert.Single((await DeniedAsync(viewer)).Items).Subject);
    }

    [Fact]
    public async Task A500CharacterNamespace_CreatedByAnAdmin_Is400_NamingTheFieldAndTheLimit()
    {
        using var created = await api.Http.PostAsJsonAsync("/api/v1/namespaces", new { name = new string('n', 500), team = "api-tests" });

        var problem = await AssertProblemAsync(created, HttpStatusCode.BadRequest);
        Assert.Contains("at most 100 characters", FieldMessage(problem, "name"));
    }

    [Fact]
    public async Task A450CharacterRuleName_InAnotherTeamsGroup_ByAnEditor_Is403_AndAuditedWithATruncatedSubject()
    {
        var groupId = await api.CreateGroupAsync(Unique("others"), "g");
        var (editor, http) = await UserAsync(PortalRole.Editor, team: "team-b");

        using var created = await http.PostAsJsonAsync("/api/v1/rules", new { groupId, kind = "alerting", name = new string('A', 450), expr = "up == 0" });

        await AssertProblemAsync(created, HttpStatusCode.Forbidden);
        var row = Assert.Single((await DeniedAsync(editor)).Items);
        Assert.Equal("denied.rule.create", row.Action);
        Assert.True(row.Subject.Length <= 400, $"{row.Subject.Length} characters");
        Assert.Matches(@"AAAA…\(\+\d+ chars\)$", row.Subject);
    }

    [Fact]
    public async Task A450CharacterRuleName_InTheEditorsOwnGroup_Is400_NamingTheFieldAndTheLimit()
    {
        var groupId = await api.CreateGroupAsync(Unique("own"), "g");

        using var created = await api.Http.PostAsJsonAsync("/api/v1/rules", new { groupId, kind = "alerting", name = new string('A', 450), expr = "up == 0" });

        var problem = await AssertProblemAsync(created, HttpStatusCode.BadRequest);
        Assert.Contains("400", FieldMessage(problem, "name"));
    }

    [Theory]
    [InlineData("labels", "team")]
    [InlineData("annotations", "summary")]
    public async Task ANulCharacter_InALabelOrAnnotation_Is400_NamingTheFieldAndPosition(string kind, string key)
    {
        var groupId = await api.CreateGroupAsync(Unique("nul"), "g");
        var body = new Dictionary<string, object> { ["groupId"] = groupId, ["kind"] = "alerting", ["name"] = "NulInside", ["expr"] = "up == 0", [kind] = new Dictionary<string, string> { [key] = "pay\0ments" } };

        using var created = await api.Http.PostAsJsonAsync("/api/v1/rules", body);

        var problem = await AssertProblemAsync(created, HttpStatusCode.BadRequest);
        Assert.Contains("U+0000", FieldMessage(problem, $"{kind}.{key}"));
        Assert.Equal(4, FieldError(problem, $"{kind}.{key}").GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task ANulCharacter_InAGroupName_Is400_NamingTheField()
    {
        var ns = Unique("nulgroup");
        await api.CreateGroupAsync(ns, "fine");

        using var created = await api.Http.PostAsJsonAsync($"/api/v1/namespaces/{ns}/groups", new { name = "bad\0group", interval = "1m" });

        var problem = await AssertProblemAsync(created, HttpStatusCode.BadRequest);
        Assert.Contains("U+0000", FieldMessage(problem, "name"));
    }

    [Fact]
    public async Task ANulCharacter_InATeamDescription_Is400_NamingTheField()
    {
        using var created = await api.Http.PostAsJsonAsync("/api/v1/teams", new { name = Unique("nulteam"), description = "first line\0" });

        var problem = await AssertProblemAsync(created, HttpStatusCode.BadRequest);
        Assert.Contains("U+0000", FieldMessage(problem, "description"));
    }

    [Fact]
    public async Task ANulCharacter_InImportedText_Is400_WithItsLineAndColumn()
    {
        using var import = await api.Http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={Unique("nulimport")}",
            new StringContent(Rule.Replace("up == 0", "up\0 == 0"), Encoding.UTF8, "text/plain"));

        var problem = await AssertProblemAsync(import, HttpStatusCode.BadRequest);
        Assert.Contains("5:17", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ANulCharacter_InARuleListFilter_Is400_NamingTheParameter()
    {
        using var list = await api.Http.GetAsync("/api/v1/rules?q=up%00");

        var problem = await AssertProblemAsync(list, HttpStatusCode.BadRequest);
        Assert.Contains("U+0000", FieldMessage(problem, "q"));
    }

    [Fact]
    public async Task ALoneSurrogate_InALabel_Is400_NotA500()
    {
        var groupId = await api.CreateGroupAsync(Unique("surrogate"), "g");
        var json = $$$"""{"groupId":"{{{groupId}}}","kind":"alerting","name":"Surrogate","expr":"up == 0","labels":{"team":"pay\ud800ments"}}""";

        using var created = await api.Http.PostAsync("/api/v1/rules", new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(created, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ANamespaceCreatedByAnotherWriterAtTheSameMoment_Is409_AndNothingIsWritten()
    {
        var name = Unique("race-ns");

        var response = await WhileAnotherTransactionHoldsAsync(
            $"INSERT INTO rule_namespaces (id, name, team, created_at) VALUES ('{Guid.NewGuid()}', '{name}', 'team-a', now())",
            () => api.Http.PostAsJsonAsync("/api/v1/namespaces", new { name, team = "api-tests" }));

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("team-a", (await api.Portal.Services.GetRequiredService<IRuleStore>().NamespaceAsync(name, default))!.Namespace.Team);
        Assert.Empty((await api.Portal.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: "namespace.create", Subject: name), default)).Items);
    }

    [Fact]
    public async Task AGroupCreatedByAnotherWriterAtTheSameMoment_Is409()
    {
        var ns = Unique("race-group");
        await api.CreateGroupAsync(ns, "first");
        var nsId = (await api.Portal.Services.GetRequiredService<IRuleStore>().NamespaceAsync(ns, default))!.Namespace.Id;

        var response = await WhileAnotherTransactionHoldsAsync(
            $"INSERT INTO rule_groups (id, namespace_id, name, position) VALUES ('{Guid.NewGuid()}', '{nsId}', 'second', 7)",
            () => api.Http.PostAsJsonAsync($"/api/v1/namespaces/{ns}/groups", new { name = "second", interval = "1m" }));

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnImportIntoANewNamespace_WhichAnotherWriterCreatesAtTheSameMoment_Is409_AndWritesNothing()
    {
        var name = Unique("race-import");

        var response = await WhileAnotherTransactionHoldsAsync(
            $"INSERT INTO rule_namespaces (id, name, team, created_at) VALUES ('{Guid.NewGuid()}', '{name}', 'team-a', now())",
            () => api.Http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={name}", new StringContent(Rule, Encoding.UTF8, "text/plain")));

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        var stored = (await api.Portal.Services.GetRequiredService<IRuleStore>().NamespaceAsync(name, default))!;
        Assert.Empty(stored.Groups);
        Assert.Equal("team-a", stored.Namespace.Team);
    }

    [Fact]
    public async Task ATeamCreatedByAnotherAdminAtTheSameMoment_Is409()
    {
        var name = Unique("race-team");

        var response = await WhileAnotherTransactionHoldsAsync(
            $"INSERT INTO teams (name, created_at, created_by) VALUES ('{name}', now(), 'other-admin')",
            () => api.Http.PostAsJsonAsync("/api/v1/teams", new { name }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(name, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TwoConcurrentCreates_OfTheSameNamespaceGroupAndImport_NeverAnswer500_AndOneWins()
    {
        var ns = Unique("twice");
        var group = Unique("twice-group");
        await api.CreateGroupAsync(group, "first");
        var import = Unique("twice-import");

        var answers = await Task.WhenAll(
            api.Http.PostAsJsonAsync("/api/v1/namespaces", new { name = ns, team = "api-tests" }),
            api.Http.PostAsJsonAsync("/api/v1/namespaces", new { name = ns, team = "api-tests" }),
            api.Http.PostAsJsonAsync($"/api/v1/namespaces/{group}/groups", new { name = "second", interval = "1m" }),
            api.Http.PostAsJsonAsync($"/api/v1/namespaces/{group}/groups", new { name = "second", interval = "1m" }),
            api.Http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={import}", new StringContent(Rule, Encoding.UTF8, "text/plain")),
            api.Http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={import}", new StringContent(Rule, Encoding.UTF8, "text/plain")));

        var codes = answers.Select(a => (int)a.StatusCode).ToList();
        Assert.All(codes, code => Assert.InRange(code, 200, 499));
        // Namespace and group: one made it; the other found it made (400) or lost the race (409).
        Assert.Single(codes.Take(2), code => code == 201);
        Assert.Single(codes.Skip(2).Take(2), code => code == 201);
        // Import: the loser either waited and found nothing left to do (200) or lost the race (409).
        Assert.Contains(200, codes.Skip(4));
        var stored = (await api.Portal.Services.GetRequiredService<IRuleStore>().NamespaceAsync(import, default))!;
        Assert.Equal("Imported", Assert.Single(Assert.Single(stored.Groups).Rules).Name);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task AnUnhandledExceptionUnderTheApi_IsProblemDetailsWithATraceId_ThatIsInTheLog(string environment)
    {
        var log = new CapturingLogger();
        await using var parent = new PortalFactory(ApiPortal.Settings(api.Database, ApiPortal.Token), environment);
        await using var portal = parent.WithWebHostBuilder(builder => builder
            .ConfigureLogging(logging => logging.AddProvider(log))
            .ConfigureServices(services => services.AddSingleton(Failing<IRuleStore>())));
        using var http = portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiPortal.Token);

        using var response = await http.GetAsync("/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var traceId = JsonDocument.Parse(body).RootElement.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));
        Assert.DoesNotContain(ThrowingService.Message, body);
        Assert.Contains(log.Entries, e => e.Contains(traceId!, StringComparison.Ordinal) && e.Contains(ThrowingService.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnhandledExceptionOnTheAnonymousSignInPage_InDevelopment_ShowsNoStackTrace()
    {
        await using var parent = new PortalFactory(ApiPortal.Settings(api.Database, ApiPortal.Token), "Development");
        await using var portal = parent.WithWebHostBuilder(builder => builder
            .ConfigureServices(services => services.AddSingleton(Failing<IAuditLog>())));
        using var http = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var response = await PortalFactory.PostSignInAsync(http, "nobody-" + Guid.NewGuid().ToString("N")[..6], "wrong-password-123");

        // The error page, or (as it needs a signed-in user) the way to the sign-in page; never the developer exception page.
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.InternalServerError && page.Contains("Something went wrong", StringComparison.Ordinal)
            || response.Headers.Location?.OriginalString.StartsWith("/account/login", StringComparison.Ordinal) == true
            || response.Headers.Location?.AbsolutePath == "/account/login",
            $"{(int)response.StatusCode} {response.Headers.Location}: {page[..Math.Min(page.Length, 300)]}");
        Assert.DoesNotContain(ThrowingService.Message, page);
        Assert.DoesNotContain("   at ", page);
    }

    /// <summary>
    /// Runs <paramref name="request"/> while another transaction holds an uncommitted <paramref name="insert"/> of the
    /// same row: the request's own check cannot see it, its insert waits on the unique index, and when the other
    /// transaction commits the request's insert is the one refused, as in a real race but every time.
    /// </summary>
    private async Task<HttpResponseMessage> WhileAnotherTransactionHoldsAsync(string insert, Func<Task<HttpResponseMessage>> request)
    {
        await using var other = new NpgsqlConnection(api.OwnerDatabase);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(insert, other, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        var pending = request();
        var polls = 0;
        await using (var watcher = new NpgsqlConnection(api.OwnerDatabase))
        {
            await watcher.OpenAsync();
            // A wait on another transaction's row has no database of its own in pg_locks: the session says where it is.
            await using var blocked = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()", watcher);
            while ((long)(await blocked.ExecuteScalarAsync())! == 0)
            {
                if (pending.IsCompleted)
                {
                    Assert.Fail("The request finished without waiting for the other transaction: " + await (await pending).Content.ReadAsStringAsync());
                }

                // Only a guard against hanging for ever if the request never reaches the row.
                Assert.True(++polls < 3000, "The request never came to wait on the other transaction's row.");
                await Task.Delay(20);
            }
        }

        await transaction.CommitAsync();
        return await pending;
    }

    private async Task<(string Name, HttpClient Http)> UserAsync(PortalRole role, string? team = null)
    {
        var name = "hostile-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = api.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser(name);
            Assert.True((await users.CreateAsync(user, "Passw0rd-" + Guid.NewGuid().ToString("N"))).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role.ToString())).Succeeded);
            if (team is not null)
            {
                Assert.True((await users.AddClaimAsync(user, new System.Security.Claims.Claim(PortalClaims.Team, team))).Succeeded);
            }
        }

        var (_, secret) = await api.Portal.Services.GetRequiredService<IApiTokens>().CreateAsync(As.Admin(name), "hostile", default);
        var http = api.Portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return (name, http);
    }

    private Task<AuditPage> DeniedAsync(string actor) =>
        api.Portal.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: actor, Action: "denied."), default);

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement FieldError(JsonElement problem, string field) =>
        problem.GetProperty("fieldErrors").EnumerateArray().Single(e => e.GetProperty("field").GetString() == field);

    private static string FieldMessage(JsonElement problem, string field) => FieldError(problem, field).GetProperty("message").GetString()!;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static T Failing<T>() where T : class => DispatchProxy.Create<T, ThrowingService>();

    private sealed class CapturingLogger : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue(formatter(state, exception) + " " + exception);

        public void Dispose()
        {
        }
    }
}

/// <summary>A fake service whose every method throws, to provoke a failure nobody handles.</summary>
public class ThrowingService : DispatchProxy
{
    public const string Message = "a fake service failed on purpose (hostile refusal tests)";

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new InvalidOperationException(Message);
}
