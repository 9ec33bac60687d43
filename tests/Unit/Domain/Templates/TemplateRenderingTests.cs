using Portal.Domain.Templates;
using static Portal.Tests.Unit.Domain.Templates.TemplateTestData;

namespace Portal.Tests.Unit.Domain.Templates;

public class TemplateRenderingTests
{
    [Fact]
    public void Render_PlainText_IsReturnedUnchanged()
    {
        Assert.Equal("disk almost full\n", Render("disk almost full\n"));
    }

    [Theory]
    [InlineData("{{ $labels.job }}", "node")]
    [InlineData("{{ .Labels.instance }}", "host-1.example.com:9100")]
    [InlineData("{{ $labels.__name__ }}", "node_load1")]
    [InlineData("{{ index $labels \"job\" }}", "node")]
    [InlineData("{{ .Value }}", "42")]
    [InlineData("{{ $ | printf \"%T\" }}", "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }")]
    public void Render_DataAccess_ReadsPrometheusTemplateData(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Render_MissingLabel_RendersEmptyBecausePrometheusUsesMissingkeyZero()
    {
        Assert.Equal("[][]", Render("[{{ $labels.nope }}][{{ .Labels.nope }}]"));
    }

    [Fact]
    public void Render_LabelsMap_PrintsSortedLikeGo()
    {
        Assert.Equal("map[__name__:node_load1 instance:host-1.example.com:9100 job:node]", Render("{{ $labels }}"));
    }

    [Fact]
    public void Render_RangeOverLabels_VisitsKeysInSortedOrder()
    {
        var labels = new Dictionary<string, string> { ["zone"] = "b", ["app"] = "a", ["Env"] = "c" };

        Assert.Equal("Env=c;app=a;zone=b;", Render("{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}", labels: labels));
    }

    [Fact]
    public void Render_RangeWithElse_UsesElseForEmptyMap()
    {
        Assert.Equal("none", Render("{{ range $externalLabels }}x{{ else }}none{{ end }}"));
    }

    [Fact]
    public void Render_RangeWithBreakAndContinue_StopsAndSkips()
    {
        var labels = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3", ["d"] = "4" };

        Assert.Equal("a,c,", Render("{{ range $k, $v := $labels }}{{ if eq $k \"b\" }}{{ continue }}{{ end }}{{ if eq $k \"d\" }}{{ break }}{{ end }}{{ $k }},{{ end }}", labels: labels));
    }

    [Theory]
    [InlineData(93.5, "high")]
    [InlineData(61, "elevated")]
    [InlineData(10, "normal")]
    public void Render_IfElseIfChain_PicksTheFirstTrueBranch(double value, string expected)
    {
        Assert.Equal(expected, Render("{{ if gt $value 80.0 }}high{{ else if gt $value 50.0 }}elevated{{ else }}normal{{ end }}", value));
    }

    [Theory]
    [InlineData("{{ with $labels.job }}job {{ . }}{{ else }}none{{ end }}", "job node")]
    [InlineData("{{ with $labels.nope }}x{{ else }}none{{ end }}", "none")]
    [InlineData("{{ if and $labels.job (gt $value 1.0) }}yes{{ end }}", "yes")]
    [InlineData("{{ or \"\" 0 \"z\" }} {{ and 1 0 }} {{ not \"\" }}", "z 0 true")]
    public void Render_WithAndTruth_FollowGoTruthiness(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Theory]
    [InlineData("a  {{- \" b \" -}}  c", "a b c")]
    [InlineData("x\n  {{- 1 }}\n{{ 2 -}}\n  y", "x1\n2y")]
    [InlineData("a {{/* comment */}} b {{- /* trimmed */ -}} c", "a  bc")]
    [InlineData("{{-3}}", "-3")]
    public void Render_TrimMarkersAndComments_RemoveSpaceLikeGo(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Render_ActionSpanningLines_IsAllowed()
    {
        Assert.Equal("42", Render("{{ $value\n   | printf \"%v\" }}"));
    }

    [Theory]
    [InlineData("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "2")]
    [InlineData("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", "21")]
    [InlineData("{{ $value := 7.5 }}{{ $value }} {{ .Value }}", "7.5 42")]
    [InlineData("{{ with $x := $labels.job }}{{ $x }}{{ end }}", "node")]
    public void Render_Variables_FollowGoScoping(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Render_DefineAndTemplate_CallsTheNamedTemplateWithItsOwnDot()
    {
        Assert.Equal("<node>=42", Render("{{ define \"t\" }}<{{ . }}>{{ end }}{{ template \"t\" $labels.job }}{{ block \"b\" $value }}={{ . }}{{ end }}"));
    }

    [Theory]
    [InlineData("{{ (printf \"%s\" \"abc\") | len }}", "3")]
    [InlineData("{{ \"b\" | printf \"%s-%s\" \"a\" }}", "a-b")]
    [InlineData("{{ $value | humanize | printf \"%s units\" }}", "42 units")]
    public void Render_Pipelines_PassTheValueAsLastArgument(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Render_ExternalLabelsAndUrl_ComeFromTheData()
    {
        var data = new TemplateData(1, TemplateTestData.Labels, new Dictionary<string, string> { ["cluster"] = "eu1" }, "https://prom.example.com/prometheus");

        var result = TemplateRenderer.Render("{{ $externalLabels.cluster }} {{ $externalURL }} {{ pathPrefix }} {{ externalURL }}", data);

        Assert.Equal("eu1 https://prom.example.com/prometheus /prometheus https://prom.example.com/prometheus", result.Text);
    }
}
