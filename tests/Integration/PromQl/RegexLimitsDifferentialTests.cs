using Portal.Domain.PromQl;
using Portal.Tests.Integration.RuleFiles;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.PromQl;

/// <summary>
/// Differential test for Go's regexp limits: each matcher regex near a limit is judged by promtool and
/// by our parser, and the verdicts must agree (a regex we accept and promtool refuses would hold a
/// namespace back at every publish without saying why).
/// </summary>
public class RegexLimitsDifferentialTests(ITestOutputHelper output)
{
    private static string Times(string part, int count) => string.Concat(Enumerable.Repeat(part, count));

    private static IEnumerable<string> Regexes() =>
    [
        "((a{1000}){1000}){1000}", "(a{1000}){1000}", "(a{10}){100}", "(a{10}){101}", "(a{1000}){0}", "((a{1000}){0,1}){2}",
        "(a{500}|b{2}){2}", "(a{501}|b){2}", "(?:a{0,}){2000}", "(a*){1000}", "a{1000}", "a{1001}", "a{2,1}", "a**", "**",
        "a{1000}{2}", "x{01}", "a{,5}", "(?i)a{1000}", "a{1000}?", "[a-z]{1000}x{1000}", "(ab){1000}",
        Times("(", 998) + "a" + Times(")", 998), Times("(", 999) + "a" + Times(")", 999),
        Times("(", 997) + "a*" + Times(")", 997), Times("(", 998) + "a*" + Times(")", 998),
        Times("(", 998) + "a|b" + Times(")", 998), Times("(?:", 3000) + "a" + Times(")", 3000),
        Times("a{1000}", 3355), Times("a{1000}", 3356), Times("(ab){1000}", 800), Times("(ab){1000}", 1600),
    ];

    [Fact]
    public async Task RegexesNearGosLimits_AreAcceptedAndRefusedAsPromtoolDoes()
    {
        var directory = Directory.CreateTempSubdirectory("regex-limits-");
        var disagreements = new List<string>();
        try
        {
            var index = 0;
            foreach (var regex in Regexes())
            {
                var expression = "up{a=~\"" + regex + "\"}";
                var path = Path.Combine(directory.FullName, $"case-{index++}.yml");
                await File.WriteAllTextAsync(path, $"groups:\n- name: g\n  rules:\n  - record: x:y\n    expr: '{expression}'\n");

                var promtool = await Promtool.CheckRulesAsync(path);
                var ours = PromQlParser.Parse(expression);
                var shown = regex.Length > 60 ? regex[..60] + $"... ({regex.Length} characters)" : regex;
                output.WriteLine($"{(promtool.Passed ? "accept" : "refuse"),-7} {(ours.IsValid ? "accept" : "refuse"),-7} {shown}  {ours.Error?.Message}");
                if (promtool.Passed != ours.IsValid)
                {
                    disagreements.Add($"{shown}: promtool {(promtool.Passed ? "accepts" : "refuses")} ({promtool.Output.Trim()}), we {(ours.IsValid ? "accept" : "refuse: " + ours.Error!.Message)}");
                }
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }
}
