using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Api.V1;

/// <summary>GET /export: one namespace as a rule file or manifest, or all of them as a .zip or a multi-document manifest.</summary>
public static class ExportEndpoints
{
    public const string YamlType = "application/yaml";

    public static RouteGroupBuilder MapExport(this RouteGroupBuilder api)
    {
        api.MapGet("/export", (HttpRequest request, [FromServices] IRuleStore store, TimeProvider clock, CancellationToken ct) =>
            ExportAsync(request.Query["format"].LastOrDefault(), request.Query["namespace"].LastOrDefault(), store, clock, ct));
        return api;
    }

    public static async Task<IResult> ExportAsync(string? format, string? @namespace, IRuleStore store, TimeProvider clock, CancellationToken ct)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "prometheus" : format.Trim().ToLowerInvariant();
        if (kind is not ("prometheus" or "prometheusrule"))
        {
            return ApiProblems.Validation([new Domain.Catalog.FieldError("format",
                $"\"{format}\" is not an export format: use \"prometheus\" (rule files) or \"prometheusrule\" (Kubernetes manifests).")]);
        }

        var only = string.IsNullOrWhiteSpace(@namespace) ? null : @namespace.Trim();
        var exports = await store.ExportAsync(only, ct);
        if (only is not null)
        {
            if (exports.FirstOrDefault(e => e.Namespace == only) is not { } one)
            {
                return ApiProblems.NotFound($"There is no namespace \"{only}\" to export.");
            }

            var text = kind == "prometheus" ? RuleExports.RuleFile(one) : RuleExports.Manifest(one);
            return Results.File(Encoding.UTF8.GetBytes(text), YamlType, RuleExports.FileName(one.Namespace));
        }

        return kind == "prometheus"
            ? Results.File(RuleExports.Zip(exports, clock.GetUtcNow()), "application/zip", "alert-rules.zip")
            : Results.File(Encoding.UTF8.GetBytes(RuleExports.Manifests(exports)), YamlType, "prometheusrules.yml");
    }
}

/// <summary>The files an export consists of; pure, so their layout is pinned by unit tests.</summary>
public static partial class RuleExports
{
    public static readonly LabelMap ManagedBy = LabelMap.Of(("app.kubernetes.io/managed-by", "alert-rule-portal"));

    public static string RuleFile(NamespaceExport export) => RuleFileRenderer.Render(export.File);

    public static string Manifest(NamespaceExport export) =>
        RuleFileRenderer.RenderPrometheusRule(export.File, new ManifestMetadata(KubernetesName(export.Namespace), labels: ManagedBy));

    /// <summary>One document per namespace, in the store's order, separated the way kubectl reads them.</summary>
    public static string Manifests(IEnumerable<NamespaceExport> exports) => string.Join("---\n", exports.Select(Manifest));

    /// <summary>A .zip with one <c>&lt;namespace&gt;.yml</c> per namespace at its root.</summary>
    public static byte[] Zip(IEnumerable<NamespaceExport> exports, DateTimeOffset at)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var export in exports)
            {
                var name = FileName(export.Namespace);
                for (var n = 2; !used.Add(name); n++)
                {
                    name = $"{Path.GetFileNameWithoutExtension(FileName(export.Namespace))}-{n}.yml";
                }

                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = at;
                using var stream = entry.Open();
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(RuleFile(export)));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// <c>&lt;namespace&gt;.yml</c> with anything but letters, digits, '.', '-' and '_' replaced, so a
    /// namespace can never name a path outside the folder the file is unpacked into.
    /// </summary>
    public static string FileName(string @namespace)
    {
        var safe = UnsafeFileCharacters().Replace(@namespace, "_").TrimStart('.');
        return (safe.Length == 0 ? "rules" : safe) + ".yml";
    }

    /// <summary>The namespace as a Kubernetes object name: lower case, other characters as '-', at most 253 characters.</summary>
    public static string KubernetesName(string @namespace)
    {
        var name = NotDns().Replace(@namespace.ToLowerInvariant(), "-");
        // Each dot-separated part must start and end with a letter or digit; one pass can leave a new pair.
        for (var before = ""; before != name;)
        {
            before = name;
            name = RepeatedDash().Replace(name, "-").Trim('-', '.');
        }

        if (name.Length > 253)
        {
            name = name[..253].TrimEnd('-', '.');
        }

        return name.Length == 0 ? "rules" : name;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeFileCharacters();

    [GeneratedRegex("[^a-z0-9.-]")]
    private static partial Regex NotDns();

    [GeneratedRegex("-{2,}|\\.{2,}|-\\.|\\.-")]
    private static partial Regex RepeatedDash();
}
