using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Domain.Templates;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Templates;

/// <summary>
/// Renders every case with the portal's renderer, then asks promtool (Prometheus' own template
/// engine) whether the alert it produces carries exactly that text: one alerting rule per case,
/// the rendered text as the expected annotation, one `promtool test rules` run for all of them.
/// </summary>
public sealed partial class TemplateDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Render_EveryCase_MatchesPromtoolByteForByte()
    {
        var cases = TemplateDifferentialCases.All();
        var directory = Directory.CreateTempSubdirectory("portal-template-diff-").FullName;
        var expected = cases.Select((c, i) => Render(c, AlertName(i))).ToList();
        await File.WriteAllTextAsync(Path.Combine(directory, "rules.yml"), RuleFile(cases));
        await File.WriteAllTextAsync(Path.Combine(directory, "tests.yml"), TestFile(cases, expected));

        var (exitCode, text) = await RunPromtoolAsync(directory);

        var failed = FailedAlertRegex().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
        if (exitCode != 0 && failed.Count == 0)
        {
            Assert.Fail($"promtool could not run the comparison (exit {exitCode}); files in {directory}:\n{text}");
        }
        var agree = cases.Count - failed.Count;
        var summary = $"{agree}/{cases.Count} template cases agree with promtool";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        for (var i = 0; i < cases.Count; i++)
        {
            if (failed.Contains(AlertName(i)))
            {
                output.WriteLine($"{AlertName(i)}: {cases[i].Template}\n  ours: {expected[i]}\n  promtool: {GotFor(text, AlertName(i))}");
            }
        }
        Assert.True(failed.Count == 0, $"{summary}; see the test output, files in {directory}");
        Directory.Delete(directory, recursive: true);
    }

    private static string AlertName(int index) => $"Case{index + 1:D3}";

    private static string Render(DifferentialCase c, string alertName)
    {
        var labels = new Dictionary<string, string>(c.Labels) { ["__name__"] = MetricName(alertName) };
        return TemplateRenderer.Render(c.Template, new TemplateData(ParseValue(c.Value), labels)).PrometheusOutput(alertName);
    }

    private static string MetricName(string alertName) => "template_" + alertName.ToLowerInvariant();

    private static double ParseValue(string value) => value switch
    {
        "NaN" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string RuleFile(IReadOnlyList<DifferentialCase> cases)
    {
        var sb = new StringBuilder("groups:\n- name: templates\n  rules:\n");
        for (var i = 0; i < cases.Count; i++)
        {
            sb.Append($"  - alert: {AlertName(i)}\n    expr: {MetricName(AlertName(i))}\n    for: 0s\n");
            sb.Append($"    annotations:\n      text: {Yaml(cases[i].Template)}\n");
        }
        return sb.ToString();
    }

    private static string TestFile(IReadOnlyList<DifferentialCase> cases, IReadOnlyList<string> expected)
    {
        var sb = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n- interval: 1m\n  input_series:\n");
        for (var i = 0; i < cases.Count; i++)
        {
            var selector = string.Join(",", cases[i].Labels.Select(l => $"{l.Key}={PromQlString(l.Value)}"));
            sb.Append($"  - series: {Yaml($"{MetricName(AlertName(i))}{{{selector}}}")}\n    values: {Yaml(cases[i].Value)}\n");
        }
        sb.Append("  alert_rule_test:\n");
        for (var i = 0; i < cases.Count; i++)
        {
            var labels = cases[i].Labels.Append(new("alertname", AlertName(i))).Select(l => $"{l.Key}: {Yaml(l.Value)}");
            sb.Append($"  - eval_time: 0m\n    alertname: {AlertName(i)}\n    exp_alerts:\n");
            sb.Append($"    - exp_labels: {{{string.Join(", ", labels)}}}\n      exp_annotations: {{text: {Yaml(expected[i])}}}\n");
        }
        return sb.ToString();
    }

    /// <summary>A YAML double-quoted scalar: escapes what YAML would otherwise fold or reject.</summary>
    private static string Yaml(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                < ' ' or (>= '\u007F' and <= '\u009F') => $"\\x{(int)c:x2}",
                '\u2028' or '\u2029' or '\uFEFF' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    private static string PromQlString(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string directory)
    {
        var start = new ProcessStartInfo(TestStack.Promtool, ["test", "rules", "tests.yml"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The annotations promtool got for one failing alert, as it prints them.</summary>
    private static string GotFor(string text, string alertName)
    {
        var match = Regex.Match(text, $@"alertname: {alertName}, time:.*?got:\[(.*?)\]\s*(?:alertname:|$)", RegexOptions.Singleline);
        return match.Success ? Regex.Replace(match.Groups[1].Value, @"\s+", " ").Trim() : "(not found in promtool's output)";
    }

    [GeneratedRegex(@"alertname: (Case\d+), time:")]
    private static partial Regex FailedAlertRegex();
}
