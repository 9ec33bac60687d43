using System.Diagnostics;
using System.Text.RegularExpressions;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Tuning;

/// <summary>
/// The backtest engine against Prometheus itself: generated rules and series go through the engine,
/// its state at every evaluation becomes the expectation of a `promtool test rules` file (firing
/// alerts, and the ALERTS series for pending ones), and promtool must agree everywhere.
/// </summary>
public sealed partial class BacktestDifferentialTests(ITestOutputHelper output)
{
    private const int CaseCount = 240;

    [Fact]
    public async Task Run_EveryGeneratedCase_AgreesWithPromtoolAtEveryEvaluation()
    {
        var cases = DifferentialCase.Generate(CaseCount, seed: 20250605);
        var results = cases.Select(c => Backtest.Run(c.Input())).ToList();
        var directory = Directory.CreateTempSubdirectory("portal-backtest-diff-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "rules.yml"), DifferentialCase.RuleFile(cases));
        await File.WriteAllTextAsync(Path.Combine(directory, "tests.yml"), DifferentialCase.TestFile(cases, results));

        var (exitCode, text) = await RunPromtoolAsync(directory);

        var promtool = PromtoolStates(text);
        if (exitCode != 0 && promtool.Count == 0)
        {
            Assert.Fail($"promtool could not run the comparison (exit {exitCode}); files in {directory}:\n{text}");
        }

        var total = 0;
        var disagreements = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            for (var step = 0; step < cases[i].Steps; step++)
            {
                foreach (var series in results[i].Series)
                {
                    total++;
                    var ours = series.States[step];
                    var key = (cases[i].AlertName, step * DifferentialCase.Minute);
                    if (promtool.TryGetValue(key, out var theirs) && theirs.StateOf(series.Labels["series"], ours) is var other && other != ours)
                    {
                        disagreements.Add($"{cases[i].AlertName} series {series.Labels["series"]} at {step}m: engine {ours}, promtool {other}");
                    }
                }
            }
        }

        var summary = $"{total - disagreements.Count}/{total} states agree with promtool";
        var states = results.SelectMany(r => r.Series).SelectMany(s => s.States).CountBy(s => s).ToDictionary();
        var detail = $"{cases.Count} cases; the engine had {states.GetValueOrDefault(AlertState.Firing)} firing, "
            + $"{states.GetValueOrDefault(AlertState.Pending)} pending and {states.GetValueOrDefault(AlertState.Inactive)} inactive states";
        output.WriteLine($"{summary} ({detail})");
        Console.WriteLine($"{summary} ({detail})");
        foreach (var line in disagreements.Take(20))
        {
            output.WriteLine(line);
        }
        foreach (var alert in disagreements.Take(20).Select(line => line[..7]).Distinct())
        {
            output.WriteLine(cases.First(c => c.AlertName == alert).Describe());
        }
        Assert.True(exitCode == 0 && disagreements.Count == 0, $"{summary}; see the test output, files in {directory}");
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>What promtool reported for one alert at one time where it disagreed with an expectation.</summary>
    private sealed class Reported
    {
        /// <summary>From a failed alert_rule_test: the series promtool had firing.</summary>
        public HashSet<string>? Firing { get; set; }

        /// <summary>From a failed promql_expr_test on ALERTS: each active series' state.</summary>
        public Dictionary<string, AlertState>? Active { get; set; }

        /// <summary>Promtool's state of a series; where it reported nothing, it agreed with ours.</summary>
        public AlertState StateOf(string series, AlertState ours)
        {
            var state = Active is null ? ours : Active.GetValueOrDefault(series, AlertState.Inactive);
            if (Firing is not null && Firing.Contains(series) != (state == AlertState.Firing))
            {
                state = Firing.Contains(series) ? AlertState.Firing : state == AlertState.Firing ? AlertState.Inactive : state;
            }
            return state;
        }
    }

    private static Dictionary<(string Alert, long TimeMs), Reported> PromtoolStates(string text)
    {
        var reported = new Dictionary<(string, long), Reported>();
        Reported At(string alert, string time)
        {
            var key = (alert, PromDuration.Parse(time).TotalMilliseconds);
            return reported.TryGetValue(key, out var r) ? r : reported[key] = new Reported();
        }

        foreach (Match m in FailedAlertRegex().Matches(text))
        {
            At(m.Groups["alert"].Value, m.Groups["time"].Value).Firing =
                SeriesLabelRegex().Matches(m.Groups["got"].Value).Select(s => s.Groups[1].Value).ToHashSet();
        }
        foreach (Match m in FailedAlertsSeriesRegex().Matches(text))
        {
            At(m.Groups["alert"].Value, m.Groups["time"].Value).Active = AlertsSampleRegex().Matches(m.Groups["got"].Value)
                .ToDictionary(s => s.Groups["series"].Value, s => s.Groups["state"].Value == "firing" ? AlertState.Firing : AlertState.Pending);
        }
        return reported;
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string directory)
    {
        var start = new ProcessStartInfo(TestStack.Promtool, ["test", "rules", "tests.yml"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{TestStack.Promtool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"alertname: (?<alert>Case\d+), time: (?<time>\w+),\s*exp:\[.*?\],\s*got:\[(?<got>.*?)\]", RegexOptions.Singleline)]
    private static partial Regex FailedAlertRegex();

    [GeneratedRegex(@"series=""(\w+)""")]
    private static partial Regex SeriesLabelRegex();

    [GeneratedRegex(@"expr: ""ALERTS\{alertname=\\""(?<alert>Case\d+)\\""\}"", time: (?<time>\w+),\s*exp: [^\n]*\n\s*got: (?<got>[^\n]*)")]
    private static partial Regex FailedAlertsSeriesRegex();

    [GeneratedRegex(@"alertstate=""(?<state>\w+)"", series=""(?<series>\w+)""")]
    private static partial Regex AlertsSampleRegex();
}
