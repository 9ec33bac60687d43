using Portal.Domain.Templates;
using static Portal.Tests.Unit.Domain.Templates.TemplateTestData;

namespace Portal.Tests.Unit.Domain.Templates;

public class TemplateErrorTests
{
    [Theory]
    [InlineData("{{ foo }}", "function \"foo\" not defined", 1, 4)]
    [InlineData("{{ if }}", "missing value for if", 1, 7)]
    [InlineData("line {{ $value", "unclosed action", 1, 15)]
    [InlineData("{{ end }}", "unexpected {{end}}", 1, 8)]
    [InlineData("a\nb\n{{ if true }}\n{{ end", "unclosed action", 4, 7)]
    [InlineData("{{ $undefined }}", "undefined variable \"$undefined\"", 1, 4)]
    [InlineData("{{ range $k, $v, $w := $labels }}{{ end }}", "too many declarations in range", 1, 16)]
    [InlineData("{{ 1 | 2 }}", "non executable command in pipeline stage 2", 1, 10)]
    [InlineData("{{ \"abc }}", "unterminated quoted string", 1, 4)]
    [InlineData("{{ 'ab' }}", "malformed character constant: 'ab'", 1, 4)]
    [InlineData("{{ 99999999999999999999 }}", "integer overflow: \"99999999999999999999\"", 1, 4)]
    [InlineData("{{ break }}", "{{break}} outside {{range}}", 1, 10)]
    [InlineData("{{/* unclosed", "unclosed comment", 1, 3)]
    [InlineData("{{ define \"x\" }}{{ $labels }}{{ end }}", "undefined variable \"$labels\"", 1, 20)]
    public void Check_InvalidTemplate_ReportsGoMessageAndPosition(string template, string message, int line, int column)
    {
        var error = Assert.Single(TemplateRenderer.Check(template));

        Assert.Equal(TemplateErrorKind.Syntax, error.Kind);
        Assert.Equal(message, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("{{ $value | humanize }} {{ range $k, $v := $labels }}{{ $k }}{{ end }}")]
    [InlineData("{{ query \"up\" | first | value }}")]
    [InlineData("{{ 1+2i }}")]
    public void Check_ValidTemplate_ReportsNothing(string template)
    {
        Assert.Empty(TemplateRenderer.Check(template));
    }

    [Fact]
    public void Check_UnknownFunction_ReadsAsPrometheusReportsItWhenLoadingRules()
    {
        var error = Assert.Single(TemplateRenderer.Check("ok\n{{ humanise $value }}"));

        Assert.Equal("<error expanding template: error parsing template __alert_HighLoad: template: __alert_HighLoad:2: function \"humanise\" not defined>",
            error.PrometheusAnnotation("HighLoad"));
    }

    [Theory]
    [InlineData("{{ if gt $value 80 }}x{{ end }}", "error calling gt: incompatible types for comparison", 1, 7)]
    [InlineData("{{ humanize \"abc\" }}", "error calling humanize: strconv.ParseFloat: parsing \"abc\": invalid syntax", 1, 4)]
    [InlineData("before {{ toUpper $value }}", "wrong type for value; expected string; got float64", 1, 19)]
    [InlineData("x\n  {{ .Nope }}", "can't evaluate field Nope in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }", 2, 6)]
    [InlineData("{{ reReplaceAll \"(\" \"x\" \"y\" }}", "error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`", 1, 4)]
    [InlineData("{{ template \"missing\" }}", "template \"missing\" not defined", 1, 13)]
    [InlineData("{{ humanize }}", "wrong number of args for humanize: want 1 got 0", 1, 4)]
    [InlineData("{{ index $labels 1 }}", "error calling index: value has type int; should be string", 1, 4)]
    [InlineData("{{ match \"\\\\1\" \"x\" }}", "error calling match: error parsing regexp: invalid escape sequence: `\\1`", 1, 4)]
    public void Render_FailingTemplate_ReportsGoMessageAndPosition(string template, string message, int line, int column)
    {
        var error = RenderError(template);

        Assert.Equal(TemplateErrorKind.Execution, error.Kind);
        Assert.Equal(message, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Render_FailingTemplate_ProducesTheAnnotationPrometheusWouldSend()
    {
        var result = TemplateRenderer.Render("{{ if gt $value 80 }}high{{ end }}", new TemplateData(93, Labels));

        // Go counts the column in bytes from 0 and includes the 112-byte prelude Prometheus prepends.
        Assert.Equal("<error expanding template: error executing template __alert_HighLoad: template: __alert_HighLoad:1:118: " +
                     "executing \"__alert_HighLoad\" at <gt $value 80>: error calling gt: incompatible types for comparison>",
            result.PrometheusOutput("HighLoad"));
    }

    [Fact]
    public void Render_ErrorInsideDefinedTemplate_NamesThatTemplate()
    {
        var result = TemplateRenderer.Render("{{ define \"x\" }}{{ .Nope }}{{ end }}{{ template \"x\" 1 }}", new TemplateData(1, Labels));

        Assert.Equal("<error expanding template: error executing template __alert_A: template: __alert_A:1:131: executing \"x\" at <.Nope>: can't evaluate field Nope in type int>",
            result.PrometheusOutput("A"));
    }

    [Fact]
    public void Render_NullArguments_AreProgrammerErrors()
    {
        Assert.Throws<ArgumentNullException>(() => TemplateRenderer.Render(null!, new TemplateData(1, Labels)));
        Assert.Throws<ArgumentNullException>(() => TemplateRenderer.Check(null!));
    }

    [Fact]
    public void Check_HostileNesting_ReturnsAnErrorInsteadOfOverflowingTheStack()
    {
        var template = "{{ " + new string('(', 20_000) + "1" + new string(')', 20_000) + " }}";

        var error = Assert.Single(TemplateRenderer.Check(template));

        Assert.Equal(TemplateErrorKind.Budget, error.Kind);
        Assert.Equal("template nesting exceeds 256 levels", error.Message);
    }

    [Fact]
    public void Render_DeepButReasonableNesting_StillWorks()
    {
        var template = string.Concat(Enumerable.Repeat("{{ if true }}", 200)) + "ok" + string.Concat(Enumerable.Repeat("{{ end }}", 200));

        Assert.Equal("ok", Render(template));
    }
}
