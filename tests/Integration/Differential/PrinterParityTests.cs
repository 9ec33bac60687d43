using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.PromQl;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Differential;

/// <summary>
/// The printer against Prometheus 2.42 itself: every corpus expression, loaded as a recording rule by
/// a Prometheus of the test's own, must come back in /api/v1/rules exactly as the portal prints it.
/// </summary>
public class PrinterParityTests(ITestOutputHelper output)
{
    private const int RulesPerGroup = 200;
    private const int MismatchesShown = 30;

    /// <summary>The corpus file: one expression a line, "#!" comments, "⏎" for a line break inside one.</summary>
    public static IReadOnlyList<string> LoadCorpus() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Differential", "promql-corpus.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith("#!", StringComparison.Ordinal))
            .Select(line => line.Replace('⏎', '\n'))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public async Task Print_EveryCorpusExpression_EqualsTheQueryPrometheusReportsForTheRule()
    {
        var corpus = LoadCorpus();
        await using var prometheus = new PrometheusProcess();
        await WriteRuleFilesAsync(prometheus.RulesDirectory, corpus);
        await prometheus.StartAsync();

        var loaded = await LoadedQueriesAsync(prometheus.Url);

        Assert.True(loaded.Count == corpus.Count,
            $"Prometheus loaded {loaded.Count} of {corpus.Count} rules:\n{prometheus.Log}");
        var mismatches = new List<string>();
        for (var i = 0; i < corpus.Count; i++)
        {
            var parsed = PromQlParser.Parse(corpus[i]);
            var ours = parsed.IsValid ? PromQlPrinter.Print(parsed.Expr!) : "(refused: " + parsed.Error + ")";
            if (ours != loaded[RecordName(i)])
            {
                mismatches.Add($"{Show(corpus[i])}\n    Prometheus: {Show(loaded[RecordName(i)])}\n    portal:     {Show(ours)}");
            }
        }

        output.WriteLine($"{corpus.Count - mismatches.Count}/{corpus.Count} corpus expressions print exactly as Prometheus 2.42 prints them");
        Assert.True(corpus.Count >= 1_500, $"the corpus has only {corpus.Count} expressions");
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} of {corpus.Count} expressions print differently; the first {Math.Min(MismatchesShown, mismatches.Count)}:\n"
            + string.Join("\n", mismatches.Take(MismatchesShown)));
    }

    private static string RecordName(int index) => $"parity:e{index}";

    /// <summary>JSON is YAML, and needs no quoting rules of its own for the expressions.</summary>
    private static async Task WriteRuleFilesAsync(string directory, IReadOnlyList<string> corpus)
    {
        for (var start = 0; start < corpus.Count; start += RulesPerGroup)
        {
            var rules = Enumerable.Range(start, Math.Min(RulesPerGroup, corpus.Count - start))
                .Select(i => new { record = RecordName(i), expr = corpus[i] });
            var file = new { groups = new[] { new { name = $"parity-{start / RulesPerGroup}", rules } } };
            await File.WriteAllTextAsync(Path.Combine(directory, $"parity-{start / RulesPerGroup:D2}.yml"), JsonSerializer.Serialize(file));
        }
    }

    private static async Task<Dictionary<string, string>> LoadedQueriesAsync(Uri prometheus)
    {
        using var http = new HttpClient { BaseAddress = prometheus };
        var answer = await http.GetFromJsonAsync<JsonElement>("api/v1/rules?type=record");
        return answer.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .ToDictionary(rule => rule.GetProperty("name").GetString()!, rule => rule.GetProperty("query").GetString()!);
    }

    private static string Show(string expression) => expression.Replace("\n", "⏎", StringComparison.Ordinal);
}
