using System.Text;
using System.Text.RegularExpressions;
using Portal.Tests.Unit.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.Templates;

/// <summary>The hostile corpus in HostileTemplates.txt (its format is described at the top of that file).</summary>
internal static partial class HostileTemplates
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Cases = new(Load);

    public static IReadOnlyDictionary<string, string> All => Cases.Value;

    public static string Get(string name) => All[name];

    /// <summary>Labels of a series with many labels, so loops over $labels have something to multiply.</summary>
    public static Dictionary<string, string> ManyLabels(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"label_{i:D3}", i => $"value {i}");

    [GeneratedRegex(@"\[\[(\d+)\*(.*?)\]\]", RegexOptions.Singleline)]
    private static partial Regex Repetition();

    private static Dictionary<string, string> Load()
    {
        var path = Path.Combine(RuleFileTestSupport.RepositoryRoot(), "tests", "Unit", "Domain", "Templates", "HostileTemplates.txt");
        var cases = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var body = new List<string>();
        foreach (var line in File.ReadAllText(path).TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Add();
                name = line[4..].Trim();
            }
            else if (name is not null)
            {
                body.Add(line);
            }
        }

        Add();
        return cases;

        void Add()
        {
            if (name is not null)
            {
                cases.Add(name, Expand(string.Join('\n', body)));
            }

            body.Clear();
        }
    }

    private static string Expand(string text) => Repetition().Replace(text, m =>
    {
        var count = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return new StringBuilder(m.Groups[2].Length * count).Insert(0, m.Groups[2].Value, count).ToString();
    });
}
