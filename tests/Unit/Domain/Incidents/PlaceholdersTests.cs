using Portal.Domain.Incidents;
using Portal.Domain.PromQl;
using static Portal.Tests.Unit.Domain.Incidents.IncidentTestData;

namespace Portal.Tests.Unit.Domain.Incidents;

public class PlaceholdersTests
{
    [Fact]
    public void Validate_EveryKnownPlaceholder_IsAccepted()
    {
        var body = "{{alert.name}} {{ alert.labels.instance }} {{alert.value}} {{alert.startsAt}} {{rule.expr}} "
            + "{{rule.threshold}} {{rule.for}} {{runbook.url}} {{severity}}\n{{incident.timeline}}\n{{incident.actions}} {{\tnow\t}}";

        Assert.Empty(Placeholders.Validate(body));
    }

    [Fact]
    public void Validate_UnknownPlaceholder_IsNamedWithLineAndColumnAndTheKnownList()
    {
        var error = Assert.Single(Placeholders.Validate("# Title\n\nStarted {{ alert.start }} here"));

        Assert.Equal("body", error.Field);
        Assert.Equal(new Position(3, 9), error.Position);
        Assert.StartsWith("unknown placeholder {{alert.start}}; known: alert.name, alert.labels.<label>,", error.Message);
    }

    [Fact]
    public void Validate_UnclosedBraces_AreReportedWhereTheyOpen()
    {
        var error = Assert.Single(Placeholders.Validate("ok {{alert.name}}\nthen {{alert.name\n}}"));

        Assert.Equal(new Position(2, 6), error.Position);
        Assert.Contains("not closed", error.Message);
    }

    [Theory]
    [InlineData("alert.labels.foo-bar")]
    [InlineData("alert.labels.1abc")]
    [InlineData("alert.labels.")]
    public void Validate_LabelPlaceholderWithInvalidLabelName_IsRefused(string name)
    {
        var error = Assert.Single(Placeholders.Validate("{{" + name + "}}"));

        Assert.Contains("is not a label name", error.Message);
        Assert.Equal(new Position(1, 1), error.Position);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsTheFirstTwentyAndCountsTheRest()
    {
        var body = string.Concat(Enumerable.Repeat("{{nope}}\n", 25));

        var errors = Placeholders.Validate(body);

        Assert.Equal(IncidentLimits.MaxPlaceholderErrors + 1, errors.Count);
        Assert.Equal(new Position(20, 1), errors[19].Position);
        Assert.Equal("… and 5 more placeholder problems.", errors[^1].Message);
        Assert.Null(errors[^1].Position);
    }

    [Fact]
    public void Validate_BodyOverTheLimit_IsRefusedWithItsSize()
    {
        var error = Assert.Single(Placeholders.Validate(new string('x', IncidentLimits.MaxTemplateBody + 1)));

        Assert.Contains("100,000", error.Message);
    }

    [Fact]
    public void Validate_HundredThousandOpeningBraces_ReportsBoundedErrors()
    {
        var body = string.Concat(Enumerable.Repeat("{{", 50_000));

        var errors = Placeholders.Validate(body);

        Assert.Equal(IncidentLimits.MaxPlaceholderErrors + 1, errors.Count);
        Assert.Equal(new Position(1, 1), errors[0].Position);
        Assert.Equal(new Position(1, 3), errors[1].Position);
        Assert.Equal("… and 49,980 more placeholder problems.", errors[^1].Message);
    }

    [Fact]
    public void Validate_BodyOfSingleBraces_IsOneUnclosedRunPerPair()
    {
        var errors = Placeholders.Validate(new string('{', IncidentLimits.MaxTemplateBody));

        Assert.Equal("… and 49,980 more placeholder problems.", errors[^1].Message);
    }

    [Fact]
    public void Render_FillsAlertRuleAndContextValues()
    {
        var body = "{{alert.name}} on {{ alert.labels.instance }} at {{alert.value}} since {{alert.startsAt}}; "
            + "`{{rule.expr}}` threshold {{rule.threshold}} for {{rule.for}}; {{runbook.url}}; {{severity}}; now {{now}}";

        var text = Placeholders.Render(body, Context(Alert(), Rule()));

        Assert.Equal("HighErrorRate on api-1:8080 at 0.35 since 2026-03-14 09:30 UTC; "
            + "`rate(errors_total[5m]) / rate(requests_total[5m]) > 0.05` threshold 0.05 for 1h30m; "
            + "https://runbooks.example/high-error-rate; SEV-2; now 2026-03-14 11:30 UTC", text);
    }

    [Theory]
    [InlineData(75.40100002288818, "75.401")]
    [InlineData(0.000123456789, "0.000123457")]
    [InlineData(12345678, "1.23457E+07")]
    [InlineData(double.NaN, "NaN")]
    public void Render_AlertValue_ReadsAsSixSignificantDigits(double value, string shown)
    {
        var text = Placeholders.Render("{{alert.value}}", Context(Alert() with { Value = value }, Rule()));

        Assert.Equal(shown, text);
    }

    [Fact]
    public void Render_WithoutAlertOrRule_ShowsVisibleGaps()
    {
        var text = Placeholders.Render("{{alert.name}}|{{alert.labels.job}}|{{rule.threshold}}|{{rule.for}}|{{runbook.url}}",
            Context());

        Assert.Equal("_(no alert)_|_(no alert)_|_(no rule)_|_(no rule)_|_(no runbook)_", text);
    }

    [Fact]
    public void Render_MissingLabelAndThreshold_SayWhatIsMissing()
    {
        var text = Placeholders.Render("{{alert.labels.job}} {{rule.threshold}}", Context(Alert(), Rule(threshold: null)));

        Assert.Equal("_(no job label)_ _(no single threshold)_", text);
    }

    [Fact]
    public void Render_LabelValueThatLooksLikeAPlaceholder_StaysText()
    {
        var alert = Alert(("instance", "{{now}} {{rule.expr}}"));

        var text = Placeholders.Render("at {{alert.labels.instance}}", Context(alert, Rule()));

        Assert.Equal("at {{now}} {{rule.expr}}", text);
    }

    [Fact]
    public void Render_UnknownAndUnclosed_AreKeptAsWritten()
    {
        Assert.Equal("a {{mystery}} b {{ c", Placeholders.Render("a {{mystery}} b {{ c", Context()));
    }

    [Fact]
    public void Render_Timeline_IsATableInTimeOrderWithAutomaticEntriesMarked()
    {
        var timeline = new[]
        {
            Entry(12, TimelineKind.Acknowledged, "On it | looking"),
            Entry(0, TimelineKind.AlertFiring, "HighErrorRate firing", automatic: true),
        };

        var text = Placeholders.Render("{{incident.timeline}}", Context(timeline: timeline));

        Assert.Equal(
            "| Time | Kind | What happened |\n|---|---|---|\n"
            + "| 2026-03-14 09:30 UTC | alert firing (automatic) | HighErrorRate firing |\n"
            + "| 2026-03-14 09:42 UTC | acknowledged | On it \\| looking — ana |",
            text);
    }

    [Fact]
    public void Render_Actions_IsATaskListWithOwnerAndDue()
    {
        var actions = new[]
        {
            new ActionItem(Guid.NewGuid(), "Lower the threshold", "ana", new DateOnly(2026, 3, 20), ActionItemStatus.Open, null),
            new ActionItem(Guid.NewGuid(), "Add a dashboard", null, null, ActionItemStatus.Done, null),
        };

        var text = Placeholders.Render("{{incident.actions}}", Context(actions: actions));

        Assert.Equal("- [ ] Lower the threshold — ana, due 2026-03-20\n- [x] Add a dashboard", text);
    }

    [Fact]
    public void Render_EmptyTimelineAndActions_SaySo()
    {
        Assert.Equal("_(no timeline entries yet)_ _(no action items yet)_",
            Placeholders.Render("{{incident.timeline}} {{incident.actions}}", Context()));
    }

    [Fact]
    public void Render_LongTimeline_IsCutWithACount()
    {
        var timeline = Enumerable.Range(0, IncidentLimits.MaxTimelineRows + 7)
            .Select(i => Entry(i, TimelineKind.Note, "note " + i)).ToList();

        var text = Placeholders.Render("{{incident.timeline}}", Context(timeline: timeline));

        Assert.EndsWith("| … | | 7 more entries |", text);
        Assert.DoesNotContain("note 500", text);
    }

    [Fact]
    public void Render_TemplateRepeatingTheTimeline_StopsAtTheOutputLimit()
    {
        var timeline = Enumerable.Range(0, IncidentLimits.MaxTimelineRows)
            .Select(i => Entry(i, TimelineKind.Note, new string('x', IncidentLimits.MaxCellText + 50))).ToList();
        var body = string.Concat(Enumerable.Repeat("{{incident.timeline}}\n", 10));

        var text = Placeholders.Render(body, Context(timeline: timeline));

        Assert.InRange(text.Length, IncidentLimits.MaxRenderedOutput / 2, IncidentLimits.MaxRenderedOutput + 200);
        Assert.EndsWith("characters)_\n", text);
    }

    [Fact]
    public void Validate_HundredThousandPairsOfBraces_IsRefusedBySizeAlone()
    {
        var error = Assert.Single(Placeholders.Validate(string.Concat(Enumerable.Repeat("{{", 100_000))));

        Assert.Null(error.Position);
        Assert.Contains("200,000 characters", error.Message);
    }

    [Fact]
    public void Render_HundredThousandPairsOfBraces_CopiesThemThrough()
    {
        var body = string.Concat(Enumerable.Repeat("{{", 100_000));

        Assert.Equal(body, Placeholders.Render(body, Context()));
    }

    [Fact]
    public void Render_LongRunsWithoutClosingBraces_AreCopiedThrough()
    {
        // Each {{ looks at most MaxPlaceholderLength characters ahead: 3,000 openings on one long line stay linear.
        var body = string.Concat(Enumerable.Repeat("{{ " + new string('a', 300), 3_000));

        Assert.Equal(body, Placeholders.Render(body, Context()));
        // The first 100,000 characters hold 331 openings (one every 303 characters), none closed.
        Assert.Equal("… and 311 more placeholder problems.", Placeholders.Validate(body[..IncidentLimits.MaxTemplateBody])[^1].Message);
    }

    [Fact]
    public void Render_TextLongerThanTheOutputLimit_KeepsWhatFitsAndSaysItWasCut()
    {
        var text = Placeholders.Render("{{severity}} " + new string('x', IncidentLimits.MaxRenderedOutput), Context());

        Assert.StartsWith("SEV-2 xxx", text);
        Assert.Equal(IncidentLimits.MaxRenderedOutput, text.IndexOf("\n\n_(cut here", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_HostileBraces_CopiesThemThrough()
    {
        var body = new string('{', IncidentLimits.MaxTemplateBody);

        Assert.Equal(body, Placeholders.Render(body, Context()));
    }
}
