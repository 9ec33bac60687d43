using BenchmarkDotNet.Attributes;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;

namespace Portal.Benchmarks.Rules;

/// <summary>
/// Goals of issue 3: parse 10,000 typical expressions in ≤ 100 ms, lint 5,000 rules in ≤ 1 s and
/// render 5,000 rules as a rule file in ≤ 200 ms.
/// The expressions vary (names, windows, thresholds) so no cache can help.
/// </summary>
[MemoryDiagnoser]
public class RuleLanguageBenchmarks
{
    private static readonly Func<int, int, int, string>[] Shapes =
    [
        (n, w, t) => $"sum by (job) (rate(http_requests_total{{code=~\"5..\",job=\"svc{n}\"}}[{w}m])) / sum by (job) (rate(http_requests_total{{job=\"svc{n}\"}}[{w}m])) > 0.0{t}",
        (n, w, t) => $"histogram_quantile(0.9{t}, sum by (le) (rate(http_request_duration_seconds_bucket{{job=\"svc{n}\"}}[{w}m]))) > 0.{t}",
        (n, _, _) => $"up{{job=\"svc{n}\"}} == 0",
        (n, _, t) => $"process_resident_memory_bytes{{job=\"svc{n}\"}} / (4096 * 1024 * 1024) > 0.{t}",
        (n, w, t) => $"avg_over_time(pg_stat_activity_count{{datname=\"db{n}\"}}[{w}m]) > {t}00",
        (n, w, t) => $"rate(node_network_receive_bytes_total{{device!=\"lo\",instance=\"host{n}\"}}[{w}m]) > 1e{t}",
    ];

    private string[] _expressions = [];
    private LintRule[] _rules = [];
    private RuleFile _file = null!;

    /// <summary>The benchmark's expressions, shared with `./portal bench hot-paths`.</summary>
    internal static string[] TypicalExpressions(int count) =>
        Enumerable.Range(0, count).Select(i => Shapes[i % Shapes.Length](i, 1 + i % 9, 1 + i % 8)).ToArray();

    [GlobalSetup]
    public void Setup()
    {
        _expressions = TypicalExpressions(10_000);
        _rules = _expressions.Take(5_000).Select((e, i) => new LintRule(RuleKind.Alerting, $"Alert{i}", e, TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["severity"] = i % 2 == 0 ? "warning" : "critical" },
            new Dictionary<string, string> { ["summary"] = "{{ $labels.job }} at {{ $value }}", ["runbook_url"] = "https://runbooks/x" })).ToArray();
        _file = new RuleFile(Enumerable.Range(0, 50).Select(g => new RuleGroup($"group-{g}",
            _rules.Skip(g * 100).Take(100).Select(r => (Rule)new AlertingRule(r.Name, r.Expression, PromDuration.FromMilliseconds(300_000), null,
                LabelMap.From(r.LabelsOrEmpty), LabelMap.From(r.AnnotationsOrEmpty))))).ToList());
        foreach (var expression in _expressions)
        {
            if (!PromQlParser.Parse(expression).IsValid)
            {
                throw new InvalidOperationException("benchmark input does not parse: " + expression);
            }
        }
    }

    [Benchmark]
    public int Parse10000Expressions()
    {
        // Until issue 19 this also rebuilt the 5,000-rule file of Render5000Rules (built once in Setup), so its
        // time included 5,000 rules and 10,000 label maps besides the parsing.
        var nodes = 0;
        foreach (var expression in _expressions)
        {
            nodes += PromQlParser.Parse(expression).Expr is null ? 0 : 1;
        }

        return nodes;
    }

    [Benchmark]
    public int Lint5000Rules()
    {
        var findings = 0;
        foreach (var rule in _rules)
        {
            findings += RuleLinter.Lint(rule).Count;
        }

        return findings;
    }

    [Benchmark]
    public int Render5000Rules() => RuleFileRenderer.Render(_file).Length;
}
