using System.Text;
using Portal.Domain.RuleFiles;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.RuleFiles;

/// <summary>Whatever the renderer writes, promtool accepts: the fixture documents' rules after import, and random groups full of awkward text.</summary>
public sealed class RenderedRuleFilesPassPromtoolTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-rulefiles-").FullName;

    // Valid PromQL only (promtool parses every expression); the text around it is what is awkward.
    private static readonly string[] Expressions =
    [
        "up == 0",
        "up{job=\"api\"} == 0",
        "up{job=~\"a|b\", instance!=\"\"} == 0",
        "up{job=\"caf\u00e9 \u4e2d\u6587 \U0001F525\"}",
        "up{job=\"quote \\\" inside\"}",
        "up{job='single'}",
        "rate(http_requests_total[5m]) > 0.5",
        "sum by (job) (rate(http_requests_total{status=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05",
        "sum(\n  rate(http_requests_total[5m])\n)\n  /\nsum(rate(http_requests_total[1h] offset 1h))",
        "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))\n",
        "label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
        "label_replace(up, \"a\", \"b\", \"job\", `.*`)",
        "absent(up{job=\"x\"})",
        "vector(1)",
        "-1 * up",
        "time() - process_start_time_seconds > 3600 # comment in PromQL",
        "  up  ",
    ];

    private static readonly string[] Awkward =
    [
        "", " ", "yes", "no", "on", "off", "null", "~", "true", "0", "1.5", "-1", ".inf", "0x1F", "12:30", "2024-01-01",
        "---", "...", "# hash", "a #b", "key: value", "- dash", "? q", "[", "]", ",", "&a", "*a", "!tag", "|", ">", "%", "@",
        "`", "'", "\"", "\\", "'quoted'", "\"double\"", "\t", "\n", "a\nb", "a\n", "\na", " a\nb", "caf\u00e9", "\u00a0",
        "\u0085", "\u2028", "\uFEFF", "\u0001", "\u007f", "\U0001F525", "\u05e9\u05dc\u05d5\u05dd", "<<", "=", "$1", "%s",
    ];

    private static readonly string[] Templates = ["{{ $value }}", "{{ $labels.instance }}", "{{ humanize $value }}", "{{ $value | humanizePercentage }}"];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Text(Random random, bool template)
    {
        var text = new StringBuilder();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            text.Append(Awkward[random.Next(Awkward.Length)]);
        }

        if (template && random.Next(3) == 0)
        {
            text.Append(Templates[random.Next(Templates.Length)]);
        }

        return text.ToString();
    }

    private static string Name(Random random, string first, string rest)
    {
        var name = new StringBuilder().Append(first[random.Next(first.Length)]);
        for (var i = random.Next(0, 10); i > 0; i--)
        {
            name.Append(rest[random.Next(rest.Length)]);
        }

        return name.ToString();
    }

    private static LabelMap Labels(Random random, bool template)
    {
        var map = LabelMap.Empty;
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            // Now and then a name past YAML's 1024-character limit for implicit keys.
            var name = random.Next(20) == 0 ? Name(random, "abz_", "abz_09") + new string('k', 1100) : Name(random, "abz_", "abz_09");
            map = map.With(name, Text(random, template));
        }

        return map;
    }

    private static PromDuration? Duration(Random random) =>
        random.Next(3) == 0 ? null : PromDuration.FromMilliseconds(random.Next(4) == 0 ? random.NextInt64(0, PromDuration.MaxMilliseconds) : random.Next(0, 120) * 15_000L);

    internal static RuleFile RandomFile(Random random, int index)
    {
        var groups = new List<RuleGroup>();
        for (var g = 0; g < random.Next(1, 4); g++)
        {
            var rules = new List<Rule>();
            for (var r = 0; r < random.Next(0, 6); r++)
            {
                var expr = Expressions[random.Next(Expressions.Length)];
                // Unique names keep promtool's duplicate-rule lint quiet, so the lint-fatal run can be strict.
                var unique = $"_{index}_{g}_{r}";
                rules.Add(random.Next(2) == 0
                    ? new AlertingRule(Text(random, template: false) + unique, expr, Duration(random), Duration(random), Labels(random, template: true), Labels(random, template: true))
                    : new RecordingRule(Name(random, "ab:_", "ab:_09") + unique, expr, Labels(random, template: false)));
            }

            groups.Add(new RuleGroup(Text(random, template: false) + $"#{g}", rules, Duration(random), random.Next(3) == 0 ? random.Next(0, 100) : null));
        }

        return new RuleFile(groups);
    }

    [Fact]
    public async Task RenderedRandomGroups_PassPromtoolWithLintFatal_AndParseBackEqual()
    {
        var random = new Random(20261123);
        var files = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var file = RandomFile(random, i);
            var rendered = RuleFileRenderer.Render(file);
            Assert.Equal(file, RuleFileParser.Parse(rendered, new ParseOptions { Format = InputFormat.Yaml }).File);
            var path = Path.Combine(_directory, $"random-{i:D3}.yml");
            await File.WriteAllTextAsync(path, rendered, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            files.Add(path);
        }

        var promtool = await Promtool.CheckRulesAsync(["--lint-fatal", .. files]);

        var message = $"{(promtool.Passed ? files.Count : 0)}/{files.Count} random rendered files pass promtool check rules --lint-fatal (exit {promtool.ExitCode})";
        output.WriteLine(message);
        Console.WriteLine(message);
        Assert.True(promtool.Passed, promtool.Output);
    }

    [Theory]
    [InlineData(FixtureDocuments.MetricsAndAlertPairs, 2)]
    [InlineData(FixtureDocuments.OperationsRunbook, 0)]
    [InlineData(FixtureDocuments.ReliabilityReport, 0)]
    [InlineData(FixtureDocuments.ProductionAlertingSetup, 0)]
    [InlineData(FixtureDocuments.ResourceMonitoringGuide, 0)]
    public async Task RenderedFixtureRules_PassPromtool_WithTheSameDuplicateLint(string document, int duplicates)
    {
        var source = FixtureDocuments.PathOf(document);
        var imported = RuleFileParser.Parse(await File.ReadAllTextAsync(source), ParseOptions.ForFile(source));
        var path = Path.Combine(_directory, Path.ChangeExtension(document, ".yml"));
        await File.WriteAllTextAsync(path, RuleFileRenderer.Render(imported.File));

        var promtool = await Promtool.CheckRulesAsync(path);

        var ourDuplicates = imported.Warnings.Count(w => w.Reason.Contains("duplicate rule", StringComparison.Ordinal));
        var message = $"{document}: {imported.File.AlertCount} alerts, {imported.File.RecordCount} recording rules rendered; promtool exit {promtool.ExitCode}; duplicate-rule lint: {ourDuplicates} ours";
        output.WriteLine(message + "\n" + promtool.Output);
        Console.WriteLine(message);
        Assert.True(promtool.Passed, promtool.Output);
        Assert.Equal(duplicates, ourDuplicates);
        if (duplicates > 0)
        {
            Assert.Contains($"lint error {duplicates} duplicate rule(s) found", promtool.Output);
        }
        else
        {
            Assert.Contains($"SUCCESS: {imported.File.AlertCount + imported.File.RecordCount} rules found", promtool.Output);
        }
    }
}
