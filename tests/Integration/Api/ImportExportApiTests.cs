using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Tests.Integration.Api;

public sealed class ImportExportApiTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Document = FixtureDocuments.MetricsAndAlertPairs;

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(string @namespace, string text, bool dryRun)
    {
        using var content = new StringContent(text, Encoding.UTF8, "text/markdown");
        using var response = await api.Http.PostAsync($"/api/v1/import?dryRun={(dryRun ? "true" : "false")}&team=api-tests&namespace={@namespace}&fileName={Document}", content);
        return (response.StatusCode, await ApiPortal.JsonAsync(response));
    }

    private async Task<int> RuleCountAsync(string @namespace)
    {
        using var response = await api.Http.GetAsync($"/api/v1/rules?namespace={@namespace}");
        return (await ApiPortal.JsonAsync(response)).GetProperty("total").GetInt32();
    }

    private static int Count(JsonElement plan, string action) => plan.GetProperty("counts").GetProperty(action).GetInt32();

    [Fact]
    public async Task FixtureDocument_DryRunWritesNothing_ImportWrites_ReImportIsAllUnchanged()
    {
        var text = FixtureDocuments.Read(Document);

        var (dryStatus, dry) = await ImportAsync("fixture", text, dryRun: true);
        Assert.True(dryStatus == HttpStatusCode.OK, dry.ToString());
        var creates = Count(dry, "create");
        // 27 alerts and 26 recording rules, counted by hand.
        Assert.Equal(53, creates);
        Assert.Equal(0, await RuleCountAsync("fixture"));

        var (status, imported) = await ImportAsync("fixture", text, dryRun: false);
        Assert.True(status == HttpStatusCode.OK, imported.ToString());
        Assert.Equal(creates, Count(imported, "create"));
        Assert.Equal(creates, await RuleCountAsync("fixture"));

        var (againStatus, again) = await ImportAsync("fixture", text, dryRun: false);
        Assert.True(againStatus == HttpStatusCode.OK, again.ToString());
        Assert.Equal(0, Count(again, "create"));
        Assert.Equal(0, Count(again, "update"));
        Assert.Equal(creates, Count(again, "unchanged"));
        Assert.Equal(creates, await RuleCountAsync("fixture"));
        Console.WriteLine($"{Document}: {creates} rules imported through the API");
    }

    [Fact]
    public async Task Import_OverFiveMegabytes_Is413()
    {
        using var content = new ByteArrayContent(new byte[5 * 1024 * 1024 + 1]);
        content.Headers.ContentType = new("text/plain");

        using var response = await api.Http.PostAsync("/api/v1/import?dryRun=true&team=api-tests&namespace=big", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("5 MB", (await ApiPortal.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Export_OneNamespace_PassesPromtoolCheckRules()
    {
        var (status, body) = await ImportAsync("exported", FixtureDocuments.Read(Document), dryRun: false);
        Assert.True(status == HttpStatusCode.OK, body.ToString());

        using var response = await api.Http.GetAsync("/api/v1/export?format=prometheus&namespace=exported");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("exported.yml", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var file = Path.Combine(Path.GetTempPath(), $"api-export-{Guid.NewGuid():N}.yml");
        try
        {
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var (exit, output) = await PromtoolAsync("check", "rules", file);
            Assert.True(exit == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Export_All_IsAZipWithOneFilePerNamespace_OrOneManifestPerNamespace()
    {
        const string rules = "groups:\n- name: up\n  rules:\n  - alert: TargetDown\n    expr: up == 0\n    for: 5m\n    labels:\n      severity: warning\n";
        foreach (var ns in new[] { "zip-a", "zip-b" })
        {
            var (status, body) = await ImportAsync(ns, rules, dryRun: false);
            Assert.True(status == HttpStatusCode.OK, body.ToString());
        }

        var namespaces = (await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/namespaces")).EnumerateArray()
            .Select(n => n.GetProperty("name").GetString() + ".yml").Order().ToList();

        using var zipResponse = await api.Http.GetAsync("/api/v1/export?format=prometheus");
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await zipResponse.Content.ReadAsByteArrayAsync()));
        Assert.Equal(namespaces, zip.Entries.Select(e => e.FullName).Order().ToList());

        using var manifests = await api.Http.GetAsync("/api/v1/export?format=prometheusrule");
        var yaml = await manifests.Content.ReadAsStringAsync();
        Assert.Equal(namespaces.Count, yaml.Split("kind: PrometheusRule\n").Length - 1);
        Assert.Contains("app.kubernetes.io/managed-by: alert-rule-portal", yaml);
        Assert.Contains("  name: zip-a\n", yaml);

        using var unknown = await api.Http.GetAsync("/api/v1/export?format=json");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    private static async Task<(int Exit, string Output)> PromtoolAsync(params string[] args)
    {
        var start = new ProcessStartInfo(TestStack.Promtool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
