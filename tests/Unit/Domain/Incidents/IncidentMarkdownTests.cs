using Portal.Domain.Incidents;
using static Portal.Tests.Unit.Domain.Incidents.IncidentTestData;

namespace Portal.Tests.Unit.Domain.Incidents;

public class IncidentMarkdownTests
{
    private static IncidentDocument Document(
        string body = "## Summary\n\nPayments failed for 40 minutes.",
        IReadOnlyList<TimelineEntry>? timeline = null,
        IReadOnlyList<ActionItem>? actions = null,
        ChartSnapshot? chart = null,
        RuleFacts? rule = null)
    {
        timeline ??=
        [
            Entry(0, TimelineKind.AlertFiring, "HighErrorRate firing", automatic: true),
            Entry(12, TimelineKind.Acknowledged, "On it"),
            Entry(40, TimelineKind.Mitigated, "Rolled back"),
            Entry(55, TimelineKind.Resolved, "Error rate back to normal"),
        ];
        return new IncidentDocument("Payments failing", IncidentStatus.Resolved, "SEV-2", "payments", Start, Start.AddMinutes(55),
            body, rule ?? Rule(), Alert(), timeline, actions ?? [], IncidentClock.Measure(Start, timeline, SeverityLevels.Starter[1]), chart)
        {
            Number = 42,
        };
    }

    [Fact]
    public void Export_StartsWithTheNumberedTitleAndTheFacts()
    {
        var md = IncidentMarkdown.Export(Document());

        Assert.StartsWith("# INC-42: Payments failing\n\n| | |\n|---|---|\n| Status | Resolved |\n| Severity | SEV-2 |\n| Team | payments |\n"
            + "| Started | 2026-03-14 09:30 UTC |\n| Resolved | 2026-03-14 10:25 UTC |\n"
            + "| Alert | HighErrorRate {instance=\"api-1:8080\", severity=\"critical\"} |\n"
            + "| Time to acknowledge | 12m (expected within 15m: met) |\n| Time to mitigate | 40m |\n| Time to resolve | 55m |\n", md);
    }

    [Fact]
    public void Export_ThresholdInForce_HasTheExpressionInAPromQlFence()
    {
        var md = IncidentMarkdown.Export(Document());

        Assert.Contains("## Threshold in force\n\nAlert **HighErrorRate**, rule version 4.\n\n"
            + "```promql\nrate(errors_total[5m]) / rate(requests_total[5m]) > 0.05\n```\n\n"
            + "- Threshold: `> 0.05`\n- For: 1h30m\n- Evaluated every 1m\n", md);
    }

    [Fact]
    public void Export_ExpressionWithBackticks_GetsALongerFence()
    {
        var rule = Rule() with { Expression = "up == 0 # ```` odd" };

        Assert.Contains("`````promql\nup == 0 # ```` odd\n`````", IncidentMarkdown.Export(Document(rule: rule)));
    }

    [Fact]
    public void Export_BodyVerbatimThenTimelineAndActions()
    {
        var actions = new[] { new ActionItem(Guid.NewGuid(), "Alert on p99", "ana", new DateOnly(2026, 3, 21), ActionItemStatus.InProgress, null) };

        var md = IncidentMarkdown.Export(Document(actions: actions));

        var body = md.IndexOf("## Summary\n\nPayments failed for 40 minutes.\n\n## Timeline\n\n| Time | Kind | What happened |", StringComparison.Ordinal);
        Assert.True(body > md.IndexOf("## Threshold in force", StringComparison.Ordinal));
        Assert.Contains("| 2026-03-14 09:30 UTC | alert firing (automatic) | HighErrorRate firing |", md);
        Assert.EndsWith("## Action items\n\n- [ ] Alert on p99 — ana, due 2026-03-21 (in progress)\n", md);
    }

    [Fact]
    public void Export_BodyWithItsOwnTimeline_AddsTheCurrentOneUnderAnotherName()
    {
        var md = IncidentMarkdown.Export(Document(body: "## Summary\n\nDown.\n\n### timeline ##\n\n| 09:30 | paged |\n\n## Action items\n\n- none yet"));

        Assert.Equal(1, Count(md, "\n## Timeline\n") + Count(md, "\n### timeline ##\n"));
        Assert.Contains("## Timeline (current)\n\n_The writeup above has its own timeline", md);
        Assert.Contains("## Action items (current)\n\n", md);
    }

    [Theory]
    [InlineData("## Timeline", true)]
    [InlineData("   # TIMELINE #", true)]
    [InlineData("###### Timeline", true)]
    [InlineData("####### Timeline", false)]
    [InlineData("    ## Timeline", false)] // four spaces: a code block
    [InlineData("##Timeline", false)]
    [InlineData("## Timeline of events", false)]
    [InlineData("Timeline\n========", false)]
    public void HasHeading_ReadsAtxHeadingsOnly(string body, bool expected) =>
        Assert.Equal(expected, IncidentText.HasHeading(body, "Timeline"));

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public void Export_Chart_IsMinMaxLastPerSeries()
    {
        var chart = new ChartSnapshot("rate(errors_total[5m])", Start.ToUnixTimeMilliseconds(), 60_000,
            [new SnapshotSeries("{instance=\"a|b\"}", [0.01, double.NaN, 0.4, 0.2]), new SnapshotSeries("{instance=\"c\"}", [double.NaN])],
            0.05, ">", Start) { CutSeries = 3 };

        var md = IncidentMarkdown.Export(Document(chart: chart));

        Assert.EndsWith("## Chart\n\n`rate(errors_total[5m])` against the threshold `> 0.05`, from 2026-03-14 09:30 UTC to 2026-03-14 09:33 UTC.\n\n"
            + "| Series | Min | Max | Last |\n|---|---|---|---|\n"
            + "| {instance=\"a\\|b\"} | 0.01 | 0.4 | 0.2 |\n| {instance=\"c\"} | — | — | — |\n\n_3 more series not kept._\n", md);
    }

    [Fact]
    public void Export_NoRuleNoWriteup_SaySo()
    {
        var document = Document(body: " ") with { Rule = null };

        var md = IncidentMarkdown.Export(document);

        Assert.Contains("_(no rule recorded with this incident)_", md);
        Assert.Contains("_(no writeup yet)_", md);
    }

    [Fact]
    public void Export_HostileSizes_StayBounded()
    {
        var huge = new string('x', 5_000);
        var timeline = Enumerable.Range(0, 5_000).Select(i => Entry(i, TimelineKind.Note, huge)).ToList();
        var actions = Enumerable.Range(0, 5_000).Select(_ => new ActionItem(Guid.NewGuid(), huge, huge, null, ActionItemStatus.Open, huge)).ToList();

        var md = IncidentMarkdown.Export(Document(body: new string('b', 3_000_000), timeline: timeline, actions: actions));

        Assert.InRange(md.Length, IncidentLimits.MaxRenderedOutput, 2_300_000);
        Assert.Contains("| … | | 4,500 more entries |", md);
        Assert.Contains("- … 4,800 more", md);
        Assert.Contains("the writeup is cut here", md);
    }
}
