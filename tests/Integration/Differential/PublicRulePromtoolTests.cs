using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Lint;
using Portal.Infrastructure.Prometheus;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Differential;

/// <summary>
/// The public rule corpus is only a proof of "no false lint errors" if the rules are sound: promtool
/// (the test stack's, as publishing uses it) must accept every one of them, and Prometheus must evaluate them.
/// </summary>
public sealed partial class PublicRulePromtoolTests(ITestOutputHelper output)
{
    /// <summary>The corpus as rule files would hold it: one group per source, every expression as a block scalar.</summary>
    internal static string Render(IReadOnlyList<PublicRule> rules)
    {
        var yaml = new StringBuilder("groups:\n");
        foreach (var (group, i) in rules.GroupBy(r => r.Source).Select((g, i) => (g, i)))
        {
            yaml.Append($"- name: public-{i:D3}\n  rules:\n");
            foreach (var rule in group)
            {
                yaml.Append(rule.Kind == RuleKind.Alerting ? $"  - alert: {rule.Name}\n" : $"  - record: {rule.Name}\n");
                yaml.Append("    expr: |-\n");
                foreach (var line in rule.Expression.Split('\n'))
                {
                    yaml.Append("      ").Append(line).Append('\n');
                }
            }
        }

        return yaml.ToString();
    }

    [Fact]
    public async Task Promtool_AcceptsEveryRuleOfThePublicCorpus()
    {
        var rules = PublicRuleCorpus.Rules;
        var directory = Directory.CreateTempSubdirectory("public-rules-");
        try
        {
            var file = Path.Combine(directory.FullName, "public.yml");
            await File.WriteAllTextAsync(file, Render(rules));
            // The corpus leaves out labels, and those (severity, histogram kind) are what tell some same-named rules of
            // Mimir and kube-prometheus apart in their sources: promtool's duplicate-rule lint would count them twice.
            var start = new ProcessStartInfo(TestStack.Promtool, ["check", "rules", "--lint=none", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var report = await stdout + await stderr;

            output.WriteLine(report.Trim());
            Assert.True(process.ExitCode == 0, report);
            Assert.Equal(rules.Count, int.Parse(FoundRegex().Match(report).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Every rule of the corpus is an instant query Prometheus accepts (parsing, types, functions). A query
    /// that fails on today's data (many-to-many matching, say) was still accepted, so only refusals count.
    /// </summary>
    [Fact]
    public async Task Prometheus_EvaluatesEveryRuleOfThePublicCorpus()
    {
        await using var portal = PortalFactory.For();
        var prometheus = portal.Services.GetRequiredService<IPrometheus>();

        var refused = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(PublicRuleCorpus.Rules, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (rule, ct) =>
        {
            try
            {
                await prometheus.QueryAsync(rule.Expression, null, ct);
            }
            catch (PrometheusException e) when (e.Kind == PrometheusErrorKind.BadData)
            {
                refused.Add($"{rule.Name}: {e.Message}");
            }
        });

        output.WriteLine($"{PublicRuleCorpus.Rules.Count} public rules evaluated on the test Prometheus; {refused.Count} refused");
        Assert.True(PublicRuleCorpus.Rules.Count >= 1_000, $"the corpus has {PublicRuleCorpus.Rules.Count} rules");
        Assert.Empty(refused);
    }

    // promtool: "SUCCESS: 1234 rules found"
    [GeneratedRegex(@"SUCCESS: (\d+) rules found")]
    private static partial Regex FoundRegex();
}
