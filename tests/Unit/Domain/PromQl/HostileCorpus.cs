using System.Text;
using System.Text.RegularExpressions;
using Portal.Domain.PromQl;
using Portal.Tests.Unit.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.PromQl;

/// <summary>One attack from hostile-expressions.txt: how to build its text and what the refusal must say.</summary>
public sealed record HostileCase(string Name, string Prefix, string Unit, string Separator, int Count, string Suffix, string Refusal)
{
    public string Build(int? count = null)
    {
        var text = new StringBuilder(Expand(Prefix));
        var n = count ?? Count;
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                text.Append(Separator);
            }

            text.Append(Unit);
        }

        return text.Append(Expand(Suffix)).ToString();
    }

    private static string Expand(string part) =>
        Regex.Replace(part, @"\[\[(.+?)\*(\d+)\]\]", m => string.Concat(Enumerable.Repeat(m.Groups[1].Value, int.Parse(m.Groups[2].Value))));
}

/// <summary>Reads the growing corpus of hostile inputs kept beside the tests, and the corpora Prometheus judged.</summary>
internal static class HostileCorpus
{
    /// <summary>No limit at all: what the parser would build if nobody stopped it.</summary>
    public static readonly PromQlLimits Unlimited = new() { MaxTextLength = int.MaxValue, MaxNodes = int.MaxValue, MaxDepth = int.MaxValue };

    public static IReadOnlyList<HostileCase> Cases { get; } = Read();

    public static HostileCase Case(string name) => Cases.Single(c => c.Name == name);

    /// <summary>Every expression of the differential corpora that Prometheus 2.42 judged, line breaks restored.</summary>
    public static IEnumerable<string> DifferentialExpressions()
    {
        var directory = Path.Combine(RuleFileTestSupport.RepositoryRoot(), "tests", "Integration", "Data", "promql");
        return Directory.GetFiles(directory, "*.txt")
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0 && !line.StartsWith("#!", StringComparison.Ordinal))
            .Select(line => line.Replace("⏎", "\n", StringComparison.Ordinal));
    }

    private static List<HostileCase> Read()
    {
        var path = Path.Combine(RuleFileTestSupport.RepositoryRoot(), "tests", "Unit", "Domain", "PromQl", "hostile-expressions.txt");
        var cases = new List<HostileCase>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith("#!", StringComparison.Ordinal)))
        {
            var f = line.Split('\t');
            if (f.Length != 7)
            {
                throw new InvalidDataException($"{path}: expected 7 TAB-separated fields, got {f.Length}: {line}");
            }

            cases.Add(new HostileCase(f[0], f[1], f[2], f[3], int.Parse(f[4]), f[5], f[6]));
        }

        return cases;
    }
}
