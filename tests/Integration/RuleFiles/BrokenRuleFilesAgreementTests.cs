using System.Text;
using Portal.Domain.RuleFiles;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.RuleFiles;

/// <summary>
/// Differential test: every file in Data/rulefiles/broken is rejected by promtool and by our parser
/// and validator (strict mode, which judges fields as promtool does), each for the reason the file's
/// <c># expect:</c> (ours) and <c># promtool:</c> (promtool's) lines name. Files marked
/// <c># needs: promql</c> or <c># needs: template</c> are only caught with a PromQL parser or template
/// checker: the portal's own PromQL parser and template renderer are the default checks.
/// </summary>
public class BrokenRuleFilesAgreementTests(ITestOutputHelper output)
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Data", "rulefiles", "broken");

    private sealed record Case(string Name, string Path, string Text, string Expect, string PromtoolExpect, string? Needs);

    private static IReadOnlyList<Case> Cases() => Directory.GetFiles(Corpus, "*.yml").Order(StringComparer.Ordinal).Select(path =>
    {
        var text = File.ReadAllText(path);
        string? Header(string key) => text.Split('\n').FirstOrDefault(l => l.StartsWith($"# {key}: ", StringComparison.Ordinal))?[$"# {key}: ".Length..];
        return new Case(System.IO.Path.GetFileName(path), path, text,
            Header("expect") ?? throw new InvalidOperationException($"{path} has no '# expect:' line"),
            Header("promtool") ?? throw new InvalidOperationException($"{path} has no '# promtool:' line"),
            Header("needs"));
    }).ToList();

    [Fact]
    public void Corpus_HasAtLeastThirtyBrokenFiles() => Assert.True(Cases().Count >= 30, $"{Cases().Count} broken files");

    [Fact]
    public async Task BrokenFiles_AreRejectedByPromtoolAndByUs_ForTheSameReason()
    {
        var cases = Cases();
        var report = new StringBuilder();
        int promtoolRejects = 0, weReject = 0, both = 0, promtoolReason = 0, ourReason = 0, tolerantRejects = 0;
        var disagreements = new List<string>();
        foreach (var @case in cases)
        {
            var promtool = await Promtool.CheckRulesAsync(@case.Path);
            var ours = RuleFileParser.Parse(@case.Text, new ParseOptions { Format = InputFormat.Yaml, Strict = true });
            var tolerant = RuleFileParser.Parse(@case.Text, new ParseOptions { Format = InputFormat.Yaml });

            var promtoolRejected = !promtool.Passed;
            var promtoolMatched = promtool.Output.Contains(@case.PromtoolExpect, StringComparison.OrdinalIgnoreCase);
            var ourMatch = ours.Errors.FirstOrDefault(e => e.Reason.Contains(@case.Expect, StringComparison.OrdinalIgnoreCase));
            promtoolRejects += promtoolRejected ? 1 : 0;
            weReject += ours.HasErrors ? 1 : 0;
            both += promtoolRejected && ours.HasErrors ? 1 : 0;
            promtoolReason += promtoolRejected && promtoolMatched ? 1 : 0;
            ourReason += ourMatch is not null ? 1 : 0;
            tolerantRejects += tolerant.HasErrors ? 1 : 0;

            var verdict = promtoolRejected && promtoolMatched && ourMatch is not null ? "agree" : "DISAGREE";
            report.AppendLine($"{verdict,-8} {@case.Name,-42} {(@case.Needs is null ? "" : $"[needs {@case.Needs}] ")}ours: {ourMatch?.ToString() ?? string.Join(" | ", ours.Errors)}");
            if (verdict != "agree")
            {
                disagreements.Add($"{@case.Name}: promtool exit {promtool.ExitCode}, output: {promtool.Output.Trim()}\n  ours: {string.Join("\n  ", ours.Report)}");
            }
        }

        var needing = cases.Where(c => c.Needs is not null).Select(c => $"{c.Name} ({c.Needs})");
        report.AppendLine($"{both}/{cases.Count} broken files rejected by both promtool and the portal (strict mode)");
        report.AppendLine($"{promtoolReason}/{cases.Count} with promtool's message as expected, {ourReason}/{cases.Count} with our reason as expected");
        report.AppendLine($"{promtoolRejects}/{cases.Count} rejected by promtool, {weReject}/{cases.Count} by the portal");
        report.AppendLine($"{tolerantRejects}/{cases.Count} also rejected by the tolerant import (the rest are imported with warnings by design)");
        report.AppendLine($"needing a PromQL parser or template checker: {string.Join(", ", needing)}");
        output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }
}
