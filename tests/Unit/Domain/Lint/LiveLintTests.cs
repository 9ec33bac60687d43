using Portal.Domain.Lint;
using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.Lint;

public class SuggestionsTests
{
    private static readonly string[] Metrics =
    [
        "up", "node_load1", "node_load5", "node_load15", "node_cpu_seconds_total", "go_goroutines", "process_cpu_seconds_total",
        "prometheus_http_requests_total", "node_memory_MemAvailable_bytes",
    ];

    [Theory]
    [InlineData("upp", "up")]
    [InlineData("node_lod1", "node_load1")]
    [InlineData("node_laod1", "node_load1")]
    [InlineData("go_gorutines", "go_goroutines")]
    [InlineData("node_cpu_second_total", "node_cpu_seconds_total")]
    public void Closest_ATypo_RanksTheIntendedNameFirst(string typed, string meant)
    {
        Assert.Equal(meant, Suggestions.Closest(typed, Metrics)[0]);
    }

    [Fact]
    public void Closest_SwappedNeighbours_CountAsOneEdit()
    {
        Assert.Equal(1, Suggestions.Distance("node_laod1", "node_load1"));
        Assert.Equal(3, Suggestions.Distance("kitten", "sitting"));
    }

    [Fact]
    public void Closest_TiesGoToTheLongerSharedPrefix_ThenTheShorterName_IndependentOfOrder()
    {
        var first = Suggestions.Closest("node_load2", Metrics);
        var reversed = Suggestions.Closest("node_load2", Metrics.Reverse());

        Assert.Equal(["node_load1", "node_load5", "node_load15"], first);
        Assert.Equal(first, reversed);
    }

    [Fact]
    public void Closest_NothingNear_ProposesNothing()
    {
        Assert.Empty(Suggestions.Closest("kube_pod_info", Metrics));
        Assert.Empty(Suggestions.Closest("", Metrics));
    }

    [Fact]
    public void Closest_TheWordItself_IsNotProposed()
    {
        Assert.DoesNotContain("up", Suggestions.Closest("up", Metrics));
    }

    [Fact]
    public void Distance_StopsEarlyPastTheLimit()
    {
        Assert.Equal(3, Suggestions.Distance("aaaaaaaaaa", "bbbbbbbbbb", limit: 2));
    }
}

public class LiveLintTests
{
    private static readonly HashSet<string> Known = new(["up", "node_load1", "node_load15", "go_goroutines"], StringComparer.Ordinal);

    private static (string Text, IReadOnlyList<LiveSelector> Selectors) Parse(string text, int max = 10)
    {
        var root = PromQlParser.Parse(text).Expr!;
        return (text, LiveLint.Selectors(root, max, out _));
    }

    [Fact]
    public void Judge_MisspeltMetric_WarnsWithThePositionInWordsAndTheClosestName()
    {
        var (text, selectors) = Parse("sum(node_lod1) > 2");

        var finding = Assert.Single(LiveLint.Judge(text, selectors[0], Known, null));

        Assert.Equal(LiveLint.MetricUnknown, finding.Id);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(new Position(1, 5), finding.Position);
        Assert.Equal("Prometheus has not seen the metric node_lod1 in the last 7 days; did you mean node_load1 or node_load15?", finding.Message);
    }

    [Fact]
    public void Judge_UnknownLabelValue_ProposesTheValuesThatExist()
    {
        var (text, selectors) = Parse("up{job=\"nope\"} == 0");
        var facts = new MetricFacts("up", new HashSet<string>(["__name__", "job", "instance"]),
            new Dictionary<string, IReadOnlyList<string>> { ["job"] = ["prometheus", "node"] });

        var finding = Assert.Single(LiveLint.Judge(text, selectors[0], Known, facts));

        Assert.Equal(LiveLint.ValueUnknown, finding.Id);
        Assert.Equal(new Position(1, 4), finding.Position);
        Assert.Contains("up never had job=\"nope\" in the last 7 days (2 values seen)", finding.Message);
        Assert.EndsWith("did you mean \"node\"?", finding.Message);
    }

    [Fact]
    public void Judge_NoCloseValue_ListsAFewValuesThatExist()
    {
        var (text, selectors) = Parse("up{job=\"billing\"}");
        var facts = new MetricFacts("up", new HashSet<string>(["job"]), new Dictionary<string, IReadOnlyList<string>> { ["job"] = ["prometheus", "node"] });

        var finding = Assert.Single(LiveLint.Judge(text, selectors[0], Known, facts));

        Assert.EndsWith("did you mean \"node\" or \"prometheus\"?", finding.Message);
    }

    [Fact]
    public void Judge_CloseLabelValue_IsProposedFirst()
    {
        var (text, selectors) = Parse("up{job=\"prometheus2\"}");
        var seen = Enumerable.Range(0, 20).Select(i => $"job{i}").Append("prometheus").ToList();
        var facts = new MetricFacts("up", new HashSet<string>(["job"]), new Dictionary<string, IReadOnlyList<string>> { ["job"] = seen });

        var finding = Assert.Single(LiveLint.Judge(text, selectors[0], Known, facts));

        Assert.EndsWith("did you mean \"prometheus\"?", finding.Message);
    }

    [Fact]
    public void Judge_UnknownLabelName_WarnsWithTheClosestLabel()
    {
        var (text, selectors) = Parse("up{intsance=\"a\"}");
        var facts = new MetricFacts("up", new HashSet<string>(["__name__", "job", "instance"]), new Dictionary<string, IReadOnlyList<string>>());

        var finding = Assert.Single(LiveLint.Judge(text, selectors[0], Known, facts));

        Assert.Equal(LiveLint.LabelUnknown, finding.Id);
        Assert.EndsWith("has the label intsance; did you mean instance?", finding.Message);
    }

    [Theory]
    [InlineData("up{team=\"\"}")]
    [InlineData("up{team!=\"a\"}")]
    [InlineData("up{team!~\"a.*\"}")]
    [InlineData("up{team=~\".*\"}")]
    [InlineData("up{team=~\"a|\"}")]
    public void Judge_MatchersThatMatchAnAbsentLabel_AreNotFindings(string text)
    {
        var (_, selectors) = Parse(text);
        var facts = new MetricFacts("up", new HashSet<string>(["job"]), new Dictionary<string, IReadOnlyList<string>>());

        Assert.Empty(LiveLint.Judge(text, selectors[0], Known, facts));
    }

    [Fact]
    public void Judge_SeenMetricAndValue_FindsNothing()
    {
        var (text, selectors) = Parse("up{job=\"node\"}");
        var facts = new MetricFacts("up", new HashSet<string>(["job"]), new Dictionary<string, IReadOnlyList<string>> { ["job"] = ["node"] });

        Assert.Empty(LiveLint.Judge(text, selectors[0], Known, facts));
    }

    [Fact]
    public void Selectors_AreDistinctInSourceOrder_AndBounded()
    {
        var root = PromQlParser.Parse("a + b + a + {__name__=\"c\"} + d{x=\"1\"} + e").Expr!;

        var selectors = LiveLint.Selectors(root, 4, out var more);

        Assert.Equal(["a", "b", "c", "d"], selectors.Select(s => s.Metric));
        Assert.Equal(1, more);
        Assert.Equal("x", Assert.Single(selectors[3].Matchers).Name);
    }

    [Fact]
    public void Evaluation_WithinLimits_IsAnInfoWithTheNumbers_AndPastThemAWarning()
    {
        var fine = LiveLint.Evaluation(3, TimeSpan.FromMilliseconds(4));
        var many = LiveLint.Evaluation(5_000, TimeSpan.FromMilliseconds(4));
        var slow = LiveLint.Evaluation(1, TimeSpan.FromSeconds(2.5), new LiveLintLimits { EvaluationWarning = TimeSpan.FromSeconds(2) });

        Assert.Equal((LiveLint.Result, LintSeverity.Info), (fine.Id, fine.Severity));
        Assert.Equal("Live: the expression returns 3 series now and took 4 ms to evaluate.", fine.Message);
        Assert.Equal((LiveLint.Cost, LintSeverity.Warning), (many.Id, many.Severity));
        Assert.Contains("more than 1,000 series", many.Message);
        Assert.EndsWith("slower than 2.0 s.", slow.Message);
    }

    [Fact]
    public void NoLiveFinding_IsEverAnError()
    {
        var (text, selectors) = Parse("upp{job=\"x\"}");
        LintFinding[] all =
        [
            .. LiveLint.Judge(text, selectors[0], Known, null),
            LiveLint.Evaluation(1_000_000, TimeSpan.FromMinutes(1)),
            LiveLint.EvaluationError("prometheus-a", "many-to-many matching not allowed"),
            LiveLint.SkippedBecause("Prometheus is down."),
            LiveLint.SelectorsLeftOut(3, 10),
            LiveLint.QueryError("many-to-many matching not allowed"),
        ];

        Assert.All(all, f => Assert.NotEqual(LintSeverity.Error, f.Severity));
        Assert.Equal("Live checks skipped: Prometheus is down.", all[3].Message);
        Assert.Equal("The rule's last evaluation on prometheus-a failed: many-to-many matching not allowed", all[2].Message);
    }
}
