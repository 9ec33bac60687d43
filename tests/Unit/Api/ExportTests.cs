using Microsoft.AspNetCore.Http;
using System.IO.Compression;
using System.Text;
using Portal.Api.V1;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Api;

public class ExportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static NamespaceExport Export(string name, string alert = "Down") =>
        new(name, new RuleFile([new RuleGroup("api", [new AlertingRule(alert, "up == 0", PromDuration.Parse("5m"), labels: LabelMap.Of(("severity", "critical")))])]));

    private readonly FakeRuleStore _store = new();

    private Task<IResult> ExportAsync(string? format, string? ns) => ExportEndpoints.ExportAsync(format, ns, _store, TimeProvider.System, default);

    [Fact]
    public void Zip_HoldsOneYmlPerNamespace_AtItsRoot_WithTheRenderedFile()
    {
        var exports = new[] { Export("payments"), Export("search", "SearchDown") };

        using var zip = new ZipArchive(new MemoryStream(RuleExports.Zip(exports, At)));

        Assert.Equal(["payments.yml", "search.yml"], zip.Entries.Select(e => e.FullName).ToArray());
        using var reader = new StreamReader(zip.GetEntry("search.yml")!.Open(), Encoding.UTF8);
        Assert.Equal(RuleFileRenderer.Render(exports[1].File), reader.ReadToEnd());
        Assert.All(zip.Entries, e => Assert.Equal(At.Year, e.LastWriteTime.Year));
    }

    [Fact]
    public void Zip_NamespacesThatWouldEscapeOrCollide_GetSafeDistinctNames()
    {
        using var zip = new ZipArchive(new MemoryStream(RuleExports.Zip([Export("../etc/passwd"), Export("a/b"), Export("a_b")], At)));

        var names = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Equal(["_etc_passwd.yml", "a_b.yml", "a_b-2.yml"], names);
    }

    [Fact]
    public void Manifest_IsAPrometheusRule_NamedAfterTheNamespace_ManagedByThePortal()
    {
        var text = RuleExports.Manifest(Export("payments"));

        Assert.StartsWith("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: payments\n", text);
        Assert.Contains("  labels:\n    app.kubernetes.io/managed-by: alert-rule-portal\n", text);
        Assert.Contains("spec:\n  groups:\n", text);
    }

    [Fact]
    public void Manifests_AreOneDocumentPerNamespace()
    {
        var text = RuleExports.Manifests([Export("payments"), Export("search")]);

        Assert.Equal(2, text.Split("kind: PrometheusRule").Length - 1);
        Assert.Single(text.Split('\n'), line => line == "---");
    }

    [Theory]
    [InlineData("payments", "payments")]
    [InlineData("Team_Payments", "team-payments")]
    [InlineData("a..b", "a-b")]
    [InlineData("--.x.--", "x")]
    [InlineData("a--.b", "a-b")]
    [InlineData("___", "rules")]
    public void KubernetesName_IsAlwaysAValidObjectName(string ns, string expected)
    {
        var name = RuleExports.KubernetesName(ns);

        Assert.Equal(expected, name);
        Assert.Equal(name, new ManifestMetadata(name).Name);
    }

    [Fact]
    public async Task OneNamespace_IsAYamlDownload()
    {
        _store.Exports.AddRange([Export("payments"), Export("search")]);

        var response = await ApiHttp.RunAsync(await ExportAsync("prometheus", "payments"));

        Assert.Equal(200, response.Status);
        Assert.Equal("application/yaml", response.ContentType);
        Assert.StartsWith("attachment; filename=payments.yml", response.Headers.ContentDisposition.ToString());
        Assert.Equal(RuleFileRenderer.Render(_store.Exports[0].File), response.Text);
    }

    [Fact]
    public async Task AllNamespaces_AsPrometheus_IsAZip()
    {
        _store.Exports.AddRange([Export("payments"), Export("search")]);

        var response = await ApiHttp.RunAsync(await ExportAsync(null, null));

        Assert.Equal("application/zip", response.ContentType);
        using var zip = new ZipArchive(new MemoryStream(response.Body));
        Assert.Equal(2, zip.Entries.Count);
    }

    [Fact]
    public async Task AllNamespaces_AsPrometheusRule_IsOneMultiDocumentYaml()
    {
        _store.Exports.AddRange([Export("payments"), Export("search")]);

        var response = await ApiHttp.RunAsync(await ExportAsync("PrometheusRule", null));

        Assert.Equal("application/yaml", response.ContentType);
        Assert.Equal(RuleExports.Manifests(_store.Exports), response.Text);
    }

    [Fact]
    public async Task UnknownFormat_Is400_UnknownNamespace_Is404()
    {
        var format = await ApiHttp.RunAsync(await ExportAsync("json", null));
        var missing = await ApiHttp.RunAsync(await ExportAsync("prometheus", "nope"));

        Assert.Equal(400, format.Status);
        Assert.Contains("prometheusrule", format.Json.GetProperty("errors").GetProperty("format")[0].GetString());
        Assert.Equal(404, missing.Status);
    }
}
