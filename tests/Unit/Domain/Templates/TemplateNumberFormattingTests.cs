using static Portal.Tests.Unit.Domain.Templates.TemplateTestData;

namespace Portal.Tests.Unit.Domain.Templates;

public class TemplateNumberFormattingTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "1")]
    [InlineData(-1, "-1")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456, "123456")]
    [InlineData(1234567.5, "1.2345675e+06")]
    [InlineData(1e6, "1e+06")]
    [InlineData(1e21, "1e+21")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(3.3333333333333335, "3.3333333333333335")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Render_Value_PrintsShortestGoFloat(double value, string expected)
    {
        Assert.Equal(expected, Render("{{ $value }}", value));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1234567.5, "1.235M")]
    [InlineData(999.95, "1000")]
    [InlineData(1000, "1k")]
    [InlineData(-2.5e9, "-2.5G")]
    [InlineData(0.001234, "1.234m")]
    [InlineData(1e-7, "100n")]
    [InlineData(1e21, "1Z")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Render_ValueWithHumanize_MatchesPrometheus(double value, string expected)
    {
        Assert.Equal(expected, Render("{{ humanize $value }}", value));
    }

    [Theory]
    [InlineData(1, "1")]
    [InlineData(1023.99, "1024")]
    [InlineData(1024, "1ki")]
    [InlineData(1048576, "1Mi")]
    [InlineData(-2048, "-2ki")]
    [InlineData(0.5, "0.5")]
    public void Render_ValueWithHumanize1024_UsesBinaryPrefixes(double value, string expected)
    {
        Assert.Equal(expected, Render("{{ humanize1024 $value }}", value));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59.999, "60s")]
    [InlineData(12.3456, "12.35s")]
    [InlineData(61, "1m 1s")]
    [InlineData(3725, "1h 2m 5s")]
    [InlineData(90061.5, "1d 1h 1m 1s")]
    [InlineData(-3661, "-1h 1m 1s")]
    [InlineData(0.000123, "123us")]
    [InlineData(double.NaN, "NaN")]
    public void Render_ValueWithHumanizeDuration_SplitsIntoUnits(double value, string expected)
    {
        Assert.Equal(expected, Render("{{ humanizeDuration $value }}", value));
    }

    [Theory]
    [InlineData(0.12345, "12.35%")]
    [InlineData(1, "100%")]
    [InlineData(0.5, "50%")]
    public void Render_ValueWithHumanizePercentage_MultipliesByHundred(double value, string expected)
    {
        Assert.Equal(expected, Render("{{ humanizePercentage $value }}", value));
    }

    [Theory]
    [InlineData(0, "1970-01-01 00:00:00 +0000 UTC")]
    // 1700000000.123 is 1700000000.12299990654 in binary; Prometheus truncates to the millisecond.
    [InlineData(1700000000.123, "2023-11-14 22:13:20.122 +0000 UTC")]
    [InlineData(1700000000.5, "2023-11-14 22:13:20.5 +0000 UTC")]
    [InlineData(-1.5, "1969-12-31 23:59:58.5 +0000 UTC")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Render_ValueWithHumanizeTimestamp_PrintsUtcLikeGo(double value, string expected)
    {
        Assert.Equal(expected, Render("{{ humanizeTimestamp $value }}", value));
    }

    [Theory]
    [InlineData("%.2f", 1234567.5, "1234567.50")]
    [InlineData("%.0f", 0.5, "0")]
    [InlineData("%.0f", 1.5, "2")]
    [InlineData("%.0f", 2.5, "2")]
    [InlineData("%.2f", 2.675, "2.67")]
    [InlineData("%.4g", 0.0001234, "0.0001234")]
    [InlineData("%.3g", 1234567.5, "1.23e+06")]
    [InlineData("%e", 1234567.5, "1.234568e+06")]
    [InlineData("%g", 100000.0, "100000")]
    [InlineData("%x", 1234567.5, "0x1.2d6878p+20")]
    [InlineData("%8.2f|", 3.14159, "    3.14|")]
    [InlineData("%-8.2f|", 3.14159, "3.14    |")]
    [InlineData("%08.3f", -3.14159, "-003.142")]
    [InlineData("%+.1f", 2.0, "+2.0")]
    [InlineData("%5.2f%%", 99.5, "99.50%")]
    [InlineData("%d", 1.5, "%!d(float64=1.5)")]
    [InlineData("%s", 1.5, "%!s(float64=1.5)")]
    [InlineData("%v", double.NaN, "NaN")]
    [InlineData("%f", double.PositiveInfinity, "+Inf")]
    public void Render_PrintfOnFloat_MatchesGoFmt(string format, double value, string expected)
    {
        Assert.Equal(expected, Render($"{{{{ printf \"{format}\" $value }}}}", value));
    }

    [Theory]
    [InlineData("{{ printf \"%d|%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%b|%c|%U|%q\" 42 42 42 42 42 255 255 255 8 5 65 9731 65 }}",
        "42|   42|42   |00042|+42|ff|FF|0xff|10|101|A|U+2603|'A'")]
    [InlineData("{{ printf \"%s|%q|%x|% X|%5.3s|%-4s|\" \"hé\" \"a\\tb\" \"hi\" \"hi\" \"abcdef\" \"x\" }}",
        "hé|\"a\\tb\"|6869|68 69|  abc|x   |")]
    [InlineData("{{ printf \"%d %d\" 1 }}", "1 %!d(MISSING)")]
    [InlineData("{{ printf \"%d\" 1 2 }}", "1%!(EXTRA int=2)")]
    [InlineData("{{ printf \"%[2]d %[1]d %*d|%.*f\" 1 2 3 4 2 3.14159 }}", "2 1  3|%!f(int=0002)")]
    [InlineData("{{ printf \"%t %v %z\" true nil 3 }}", "true <nil> %!z(int=3)")]
    [InlineData("{{ print 1 2 \"a\" 3 nil }}", "1 2a3 <nil>")]
    [InlineData("{{ println \"a\" 1 }}", "a 1\n")]
    public void Render_PrintfVerbs_MatchGoFmt(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Theory]
    [InlineData("{{ 1.0 }} {{ 1e3 }} {{ 0x10 }} {{ 'a' }} {{ -0 }} {{ 1_000 }} {{ 0x1p-2 }} {{ 017 }}", "1 1000 16 97 0 1000 0.25 15")]
    [InlineData("{{ printf \"%T %T %T %T\" 1 1.0 \"s\" true }}", "int float64 string bool")]
    public void Render_NumberLiterals_TakeGoDefaultTypes(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }
}
