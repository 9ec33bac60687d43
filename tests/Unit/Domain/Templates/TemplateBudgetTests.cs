using Portal.Domain.Templates;
using static Portal.Tests.Unit.Domain.Templates.TemplateTestData;

namespace Portal.Tests.Unit.Domain.Templates;

/// <summary>The output, step, source and nesting limits: hostile templates end in a budget error, ordinary ones are untouched.</summary>
public class TemplateBudgetTests
{
    private static TemplateError BudgetError(string template, IReadOnlyDictionary<string, string>? labels = null, TemplateLimits? limits = null)
    {
        var result = TemplateRenderer.Render(template, new TemplateData(42, labels ?? Labels), limits ?? TemplateLimits.Default);
        Assert.False(result.Success, $"expected a budget error, rendered {result.Text?.Length} characters");
        Assert.Equal(TemplateErrorKind.Budget, result.Error!.Kind);
        return result.Error;
    }

    [Fact]
    public void Limits_Defaults_AreTheDocumentedConstants()
    {
        Assert.Equal(65_536, TemplateLimits.Default.OutputCharacters);
        Assert.Equal(100_000, TemplateLimits.Default.Steps);
        Assert.Equal(65_536, TemplateLimits.Default.SourceCharacters);
        Assert.Equal(256, TemplateLimits.Default.NestingDepth);
    }

    [Fact]
    public void Render_NineLevelDefineBomb_StopsWithABudgetErrorAtTheCrossingAction()
    {
        var bomb = HostileTemplates.Get("define-bomb-9-levels");
        Assert.True(bomb.Length < 2_000);

        var error = BudgetError(bomb);

        Assert.Equal("template output exceeds 65,536 characters", error.Message);
        Assert.Equal(1, error.Line);
        // The step that crossed the limit is inside one of the definitions, not at the start of the text.
        Assert.True(error.Column > 1, $"column {error.Column}");
    }

    [Fact]
    public void Render_DefineBombUnderAGenerousOutputLimit_StopsAtTheStepLimit()
    {
        var error = BudgetError(HostileTemplates.Get("define-bomb-9-levels"), limits: new TemplateLimits { OutputCharacters = 100_000_000 });

        Assert.Equal("template takes more than 100,000 evaluation steps", error.Message);
    }

    [Fact]
    public void Render_NestedRangeOverALongLabelList_StopsAtTheStepLimit()
    {
        var error = BudgetError(HostileTemplates.Get("nested-range-silent"), HostileTemplates.ManyLabels(100));

        Assert.Equal("template takes more than 100,000 evaluation steps", error.Message);
    }

    [Fact]
    public void Render_NestedRangeThatPrints_StopsAtTheFirstLimitItMeets()
    {
        var error = BudgetError(HostileTemplates.Get("nested-range-over-labels"), HostileTemplates.ManyLabels(100));

        Assert.Contains(error.Message, new[] { "template output exceeds 65,536 characters", "template takes more than 100,000 evaluation steps" });
    }

    [Theory]
    [InlineData("printf-width")]
    [InlineData("printf-width-repeated")]
    [InlineData("printf-left-width")]
    [InlineData("printf-star-width")]
    [InlineData("printf-float-precision")]
    [InlineData("printf-float-zero-width")]
    [InlineData("printf-int-precision")]
    public void Render_PrintfWidthAmplification_IsRefusedAsAValueOverTheLimit(string name)
    {
        var error = BudgetError(HostileTemplates.Get(name));

        Assert.Equal("template output exceeds 65,536 characters", error.Message);
        // The action's pipeline, as Go positions an action.
        Assert.Equal((1, 4), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("variable-doubling")]
    [InlineData("print-many-long-args")]
    [InlineData("println-many-long-args")]
    [InlineData("rereplaceall-group-repeat")]
    [InlineData("rereplaceall-empty-pattern")]
    [InlineData("html-amplification")]
    [InlineData("js-amplification")]
    [InlineData("urlquery-amplification")]
    [InlineData("title-of-long-value")]
    [InlineData("upper-of-long-value")]
    public void Render_FunctionsThatAmplifyTheirInput_StopAtTheOutputLimit(string name)
    {
        var error = BudgetError(HostileTemplates.Get(name));

        Assert.Matches("^template (output|value) exceeds 65,536 characters$", error.Message);
    }

    [Fact]
    public void Render_DeepIfNesting_IsRefusedAtTheNestingLimitWithItsPosition()
    {
        var template = HostileTemplates.Get("deep-if");

        var error = BudgetError(template);

        Assert.Equal("template nesting exceeds 256 levels", error.Message);
        // The 257th {{if}} is refused at its condition: 256 "{{if true}}" of 11 characters come before it.
        Assert.Equal((1, 256 * 11 + 6), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("deep-with")]
    [InlineData("deep-range")]
    [InlineData("deep-parens")]
    [InlineData("deep-else-if-chain")]
    public void Check_OtherDeepNesting_IsRefusedAtTheNestingLimit(string name)
    {
        var error = Assert.Single(TemplateRenderer.Check(HostileTemplates.Get(name)));

        Assert.Equal(TemplateErrorKind.Budget, error.Kind);
        Assert.Equal("template nesting exceeds 256 levels", error.Message);
    }

    [Fact]
    public void Render_OneMegabyteOfTemplateText_IsRefusedBeforeParsing()
    {
        var template = HostileTemplates.Get("one-megabyte-text");
        Assert.Equal(1_048_576, template.Length);

        var error = BudgetError(template);

        Assert.Equal("template text exceeds 65,536 characters", error.Message);
        Assert.Equal("template text exceeds 65,536 characters", Assert.Single(TemplateRenderer.Check(template)).Message);
        Assert.Equal("1:1: template text exceeds 65,536 characters", TemplateRenderer.Problem(template));
    }

    [Fact]
    public void Render_OutputExactlyAtTheLimit_Succeeds()
    {
        var limits = new TemplateLimits { OutputCharacters = 10 };

        Assert.Equal("0123456789", TemplateRenderer.Render("0123456789", new TemplateData(1, Labels), limits).Text);
        Assert.Equal("template output exceeds 10 characters",
            BudgetError("0123456789{{ \"A\" }}", limits: limits).Message);
    }

    [Fact]
    public void Render_TighterStepLimit_IsHonoured()
    {
        var limits = new TemplateLimits { Steps = 50 };
        var template = "{{ range $labels }}{{ . }}{{ end }}";

        Assert.True(TemplateRenderer.Render(template, new TemplateData(1, Labels), limits).Success);
        Assert.Equal("template takes more than 50 evaluation steps",
            BudgetError(template, HostileTemplates.ManyLabels(30), limits).Message);
    }

    [Fact]
    public void Render_TighterSourceAndNestingLimits_AreHonoured()
    {
        Assert.Equal("template text exceeds 5 characters", BudgetError("abcdef", limits: new TemplateLimits { SourceCharacters = 5 }).Message);
        Assert.Equal("template nesting exceeds 2 levels",
            BudgetError("{{if 1}}{{if 1}}{{if 1}}x{{end}}{{end}}{{end}}", limits: new TemplateLimits { NestingDepth = 2 }).Message);
    }

    [Fact]
    public void Render_BudgetErrorInsideADefinition_PointsAtTheActionThatCrossedTheLimit()
    {
        var template = "{{define \"t\"}}\nline two {{ printf \"%099999d\" 1 }}{{end}}ok {{template \"t\"}}";

        var error = BudgetError(template);

        Assert.Equal((2, 13), (error.Line, error.Column));
    }

    [Fact]
    public void Render_BudgetError_ReadsAsAnExpansionErrorInPrometheusTerms()
    {
        var result = TemplateRenderer.Render("{{ printf \"%0999999d\" 1 }}", new TemplateData(1, Labels));

        Assert.StartsWith("<error expanding template: error executing template __alert_A:", result.PrometheusOutput("A"));
        Assert.EndsWith("template output exceeds 65,536 characters>", result.PrometheusOutput("A"));
    }

    [Fact]
    public void Render_IntegerAboveInt64_IsGosOverflowErrorNotACrash()
    {
        var error = RenderError(HostileTemplates.Get("uint-only-number"));

        Assert.Equal(TemplateErrorKind.Execution, error.Kind);
        Assert.Equal("9999999999999999999 overflows int", error.Message);
    }

    [Fact]
    public void Render_OrdinaryTemplates_AreUntouchedByTheLimits()
    {
        Assert.Equal("node_load1 on host-1.example.com:9100 is 42",
            Render("{{ $labels.__name__ }} on {{ $labels.instance }} is {{ $value }}"));
        Assert.Equal(new string('x', 60_000), Render("{{ printf \"%060000d\" 0 | reReplaceAll \"0\" \"x\" }}"));
    }
}
