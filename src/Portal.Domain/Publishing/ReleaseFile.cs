using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Publishing;

/// <summary>One namespace's rule file as a release publishes it: header comment, then the rendered rules.</summary>
public sealed record ReleaseFile(string Namespace, string FileName, string Content)
{
    /// <summary>SHA-256 of the whole content, hex: what drift detection and downloads compare.</summary>
    public string Checksum { get; } = ReleaseFiles.Sha256(Content);
}

/// <summary>
/// Rendering of release files. The output is deterministic: the same rules and release number give the
/// same bytes, so an unchanged namespace is recognised and a live file can be compared byte for byte.
/// </summary>
public static partial class ReleaseFiles
{
    public const string Extension = ".yml";

    /// <summary>The file a namespace lives in: <c>{namespace}.yml</c> (a target may prefix it on disk). Namespace names are already file-safe.</summary>
    public static string FileName(string @namespace) => @namespace + Extension;

    public static ReleaseFile Render(string @namespace, RuleFile file, long release)
    {
        var body = RuleFileRenderer.Render(file);
        var header = $"# Managed by the Alert Rule Portal: namespace \"{@namespace}\", release {release}, rules sha256 {Sha256(body)}.\n"
            + "# Edit the rules in the portal; changes made here are reported as drift and overwritten by the next publish.\n";
        return new ReleaseFile(@namespace, FileName(@namespace), header + body);
    }

    /// <summary>The release number a managed file's header names, or null for a file the portal did not write.</summary>
    public static long? ReleaseOf(string content)
    {
        var match = HeaderPattern().Match(content);
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The same rules under a new release number: a held-back or unchanged namespace keeps its content, only the header moves.</summary>
    public static string WithoutHeader(string content) =>
        string.Join('\n', content.Split('\n').SkipWhile(line => line.StartsWith('#')));

    /// <summary>SHA-256 of the rules without the header: the same for the same rules whatever release wrote the file (what a review approves).</summary>
    public static string BodyChecksum(ReleaseFile file) => Sha256(WithoutHeader(file.Content));

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"\A# Managed by the Alert Rule Portal: namespace ""[^""]*"", release (\d+),")]
    private static partial Regex HeaderPattern();
}
