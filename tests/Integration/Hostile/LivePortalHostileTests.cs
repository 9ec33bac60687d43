using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Tests.Integration.Hostile;

/// <summary>
/// The inputs that once took the whole portal down, sent at full size to the real portal process that
/// `./portal test` runs (not an in-process test server: a stack overflow there would end the test run,
/// here it ends the portal and the next request says so). Each answer must be a 4xx or a finding, the
/// process must still answer, and its resident memory must stay far below what the inputs once cost.
/// </summary>
public sealed class LivePortalHostileTests : IAsyncLifetime
{
    // The portal idles at a few hundred MB; the 250 KB expression once took it to 17 GB.
    private const long ResidentMemoryBound = 2L * 1024 * 1024 * 1024;

    private readonly HttpClient _http = new() { BaseAddress = TestStack.PortalUrl, Timeout = TimeSpan.FromSeconds(60) };
    private string _team = "";

    public async Task InitializeAsync()
    {
        var token = Environment.GetEnvironmentVariable("Portal__BootstrapApiToken");
        Assert.False(string.IsNullOrWhiteSpace(token), "Portal__BootstrapApiToken is not set: run through ./portal test.");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _team = "hostile-" + Guid.NewGuid().ToString("N")[..8];
        var created = await _http.PostAsJsonAsync("/api/v1/teams", new { name = _team, description = "hostile-input tests" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Lint_ChainOf16000Terms_IsRefusedAsAProblem_AndThePortalStaysUp()
    {
        var expr = Chain("up", "+", 16_000); // 80 KB, past the expression size limit
        using var response = await _http.PostAsJsonAsync("/api/v1/lint", new { expr });

        await AssertProblemAsync(response, "expr");
        await AssertPortalAliveAndBoundedAsync();
    }

    [Fact]
    public async Task Lint_ChainJustUnderTheSizeLimit_IsAnsweredWithoutCrashing()
    {
        // ~12,000 terms in under 64 KB: the paste that overflowed the printer's stack.
        var expr = Chain("up", "+", 13_000)[..(60 * 1024)].TrimEnd(' ', '+', 'u', 'p') + " + up";
        using var response = await _http.PostAsJsonAsync("/api/v1/lint", new { expr });

        Assert.True((int)response.StatusCode is 200 or 422, $"unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await AssertPortalAliveAndBoundedAsync();
    }

    [Fact]
    public async Task CreateRule_With250KbExpression_IsRefusedAtTheField_AndThePortalStaysUp()
    {
        var group = await CreateGroupAsync();
        var expr = Chain("node_load1", "+", 25_000); // ~300 KB, inside the 1 MB body limit
        using var response = await _http.PostAsJsonAsync("/api/v1/rules", new
        {
            groupId = group,
            kind = "alerting",
            name = "HostileHugeExpression",
            expr = expr + " > 1",
        });

        await AssertProblemAsync(response, "expr");
        await AssertPortalAliveAndBoundedAsync();
    }

    [Fact]
    public async Task Lint_TemplateExpansionBomb_IsALintError_AndThePortalStaysUp()
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/lint", new
        {
            kind = "alerting",
            name = "TemplateBomb",
            expr = "up == 0",
            annotations = new Dictionary<string, string> { ["description"] = TemplateBomb(levels: 9) },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains(body.RootElement.GetProperty("findings").EnumerateArray(), f =>
            f.GetProperty("severity").GetString() == "error"
            && f.GetProperty("field").GetString()!.StartsWith("annotations", StringComparison.Ordinal));
        await AssertPortalAliveAndBoundedAsync();
    }

    [Fact]
    public async Task CreateGroup_WithOneMillisecondInterval_IsRefusedAtTheField()
    {
        var ns = await CreateNamespaceAsync();
        using var response = await _http.PostAsJsonAsync($"/api/v1/namespaces/{ns}/groups", new { name = "too-fast", interval = "1ms" });

        await AssertProblemAsync(response, "interval");
    }

    /// <summary>`a + a + … + a` with <paramref name="terms"/> terms.</summary>
    internal static string Chain(string term, string op, int terms) =>
        string.Join($" {op} ", Enumerable.Repeat(term, terms));

    /// <summary>Nested defines, each calling the one below ten times: 10^levels copies of ten characters.</summary>
    internal static string TemplateBomb(int levels)
    {
        var text = new StringBuilder("{{define \"l0\"}}AAAAAAAAAA{{end}}");
        for (var level = 1; level <= levels; level++)
        {
            text.Append("{{define \"l").Append(level).Append("\"}}");
            for (var call = 0; call < 10; call++)
            {
                text.Append("{{template \"l").Append(level - 1).Append("\"}}");
            }

            text.Append("{{end}}");
        }

        return text.Append("{{template \"l").Append(levels).Append("\"}}").ToString();
    }

    private async Task<string> CreateNamespaceAsync()
    {
        var name = "hostile-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await _http.PostAsJsonAsync("/api/v1/namespaces", new { name, team = _team });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }

    private async Task<Guid> CreateGroupAsync()
    {
        var ns = await CreateNamespaceAsync();
        using var response = await _http.PostAsJsonAsync($"/api/v1/namespaces/{ns}/groups", new { name = "hostile" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"expected a 4xx, got {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, text, StringComparison.Ordinal);
    }

    private async Task AssertPortalAliveAndBoundedAsync()
    {
        using var health = await _http.GetAsync("/health");
        Assert.True(health.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/health answered {(int)health.StatusCode}");
        if (PortalResidentBytes() is { } resident)
        {
            Assert.True(resident < ResidentMemoryBound, $"the portal holds {resident / (1024 * 1024)} MB resident");
        }
    }

    /// <summary>
    /// The largest VmRSS of the portal processes `./portal test` started (the portal, or each replica behind nginx),
    /// from their pid files; null when run elsewhere.
    /// </summary>
    private static long? PortalResidentBytes()
    {
        var stack = Environment.GetEnvironmentVariable("PORTAL_STACK_DIR");
        var run = stack is null ? null : Path.Combine(stack, "run");
        if (run is null || !Directory.Exists(run))
        {
            return null;
        }

        var pidFiles = Directory.GetFiles(run, "replica-*.pid").Append(Path.Combine(run, "portal.pid")).Where(File.Exists).ToList();
        long? largest = null;
        foreach (var pidFile in pidFiles)
        {
            if (!int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                continue;
            }

            var status = $"/proc/{pid}/status";
            Assert.True(File.Exists(status), $"the portal process {pid} ({Path.GetFileName(pidFile)}) is gone");
            var line = File.ReadLines(status).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var bytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            largest = Math.Max(largest ?? 0, bytes);
        }

        return largest;
    }
}
