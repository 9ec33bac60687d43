using Portal.Domain.Templates;
using static Portal.Tests.Unit.Domain.Templates.TemplateTestData;

namespace Portal.Tests.Unit.Domain.Templates;

public class TemplateFunctionTests
{
    [Theory]
    [InlineData("{{ title \"hello wORLD foo_bar x-y\" }}", "Hello WORLD Foo_bar X-Y")]
    [InlineData("{{ toUpper \"straße\" }} {{ toLower \"ÀÉÎ\" }}", "STRAßE àéî")] // Go maps rune by rune: ß has no single-rune upper case
    [InlineData("{{ safeHtml \"<b>\" }} {{ printf \"%T\" (safeHtml \"x\") }}", "<b> template.HTML")]
    [InlineData("{{ html \"<a href='x'>&</a>\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")]
    [InlineData("{{ urlquery \"a b&c\" }}", "a+b%26c")]
    [InlineData("{{ graphLink \"rate(x[5m]) > 1\" }}", "/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+1&g0.tab=0")]
    [InlineData("{{ tableLink \"up\" }}", "/graph?g0.expr=up&g0.tab=1")]
    public void Render_StringFunctions_MatchPrometheus(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Theory]
    [InlineData("host:9090", "host", "host:9090")]
    [InlineData("[::1]:80", "::1", "[::1]:80")]
    [InlineData("host", "host", "host")]
    [InlineData("10.0.0.1:80", "10.0.0.1", "10.0.0.1:80")]
    [InlineData("foo.example.com:80", "foo.example.com", "foo:80")]
    [InlineData("a.b.c", "a.b.c", "a")]
    public void Render_StripPortAndStripDomain_SplitHostsLikeGo(string hostPort, string withoutPort, string withoutDomain)
    {
        Assert.Equal($"{withoutPort}|{withoutDomain}", Render($"{{{{ stripPort \"{hostPort}\" }}}}|{{{{ stripDomain \"{hostPort}\" }}}}"));
    }

    [Theory]
    [InlineData("{{ reReplaceAll \"(.*):(.*)\" \"$2/${1}x/$1x\" \"host:9100\" }}", "9100/hostx/")]
    [InlineData("{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}", "-b-c-")]
    [InlineData("{{ reReplaceAll \"(?P<host>[^:]+):(?P<port>\\\\d+)\" \"${port}@$host\" \"a:1 b:22\" }}", "1@a22@ b")]
    [InlineData("{{ reReplaceAll \"$\" \"!\" \"line\\n\" }}", "line\n!")]
    [InlineData("{{ reReplaceAll \"\\\\d\" \"#\" \"a1٣\" }}", "a#٣")]
    [InlineData("{{ reReplaceAll \"x\" \"$$ $\" \"x\" }}", "$ $")]
    public void Render_ReReplaceAll_FollowsGoRegexpAndExpand(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Theory]
    [InlineData("{{ match \"^node$\" $labels.job }}", "true")]
    [InlineData("{{ match \"(?i)NODE\" $labels.job }}", "true")]
    [InlineData("{{ match \"\\\\d+\" \"abc\" }}", "false")]
    public void Render_Match_ReportsWhetherThePatternMatches(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Theory]
    [InlineData("{{ parseDuration \"1h30m\" }}", "5400")]
    [InlineData("{{ parseDuration \"1y2w3d4h5m6s7ms\" }}", "3.3019506007e+07")]
    [InlineData("{{ parseDuration \"0\" }}", "0")]
    [InlineData("{{ toTime 1.5 }}", "1970-01-01 00:00:01.5 +0000 UTC")]
    [InlineData("{{ humanize \"1e6\" }} {{ humanize 12345 }} {{ humanizeDuration \"3725\" }}", "1M 12.35k 1h 2m 5s")]
    [InlineData("{{ args 1 \"b\" nil }} {{ (args 1 \"x\").arg1 }} {{ (args 1).arg9 }}", "map[arg0:1 arg1:b arg2:<nil>] x <no value>")]
    public void Render_ConversionFunctions_MatchPrometheus(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Theory]
    [InlineData("{{ len \"héllo\" }} {{ len $labels }} {{ index \"abc\" 1 }} {{ slice \"abcdef\" 1 4 }}", "6 3 98 bcd")]
    [InlineData("{{ eq 1 2 3 1 }} {{ ne \"a\" \"b\" }} {{ lt 1.5 2.5 }} {{ le \"a\" \"b\" }} {{ ge 2 2 }}", "true true true true true")]
    [InlineData("{{ gt $value 41.5 }} {{ eq $labels.job \"node\" \"api\" }}", "true true")]
    public void Render_Builtins_BehaveLikeGo(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Render_GreaterThanWithNaN_IsTrueBecauseGoNegatesLessOrEqual()
    {
        Assert.Equal("true", Render("{{ gt $value 1.0 }}", double.NaN));
    }

    [Fact]
    public void Render_Query_ReportsThatTheTemplateNeedsLiveData()
    {
        var result = TemplateRenderer.Render("{{ with query \"up\" }}{{ . | first | value }}{{ end }}", new TemplateData(1, Labels));

        Assert.Equal(TemplateErrorKind.NeedsLiveQuery, result.Error?.Kind);
        Assert.Contains("query", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be previewed offline", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_QueryInUntakenBranch_RendersBecauseFunctionsRunOnlyWhenCalled()
    {
        Assert.Equal("low", Render("{{ if gt $value 100.0 }}{{ query \"up\" }}{{ else }}low{{ end }}"));
    }
}
