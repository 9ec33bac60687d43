using System.Text;
using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.RuleFiles;

/// <summary>Render then parse gives back an equal model, for any text the model can hold.</summary>
public class RoundTripTests
{
    // These tests are about YAML quoting: the expressions are deliberately not PromQL.
    private static readonly ParseOptions YamlOnly = new() { Format = InputFormat.Yaml, Validation = ValidationOptions.ShapeOnly };

    private static readonly string[] Nasty =
    [
        "", " ", "  padded  ", "---", "...", "--- x", "# hash", "a #b", "key: value", "{{ $value }}", "{{", "}}",
        "'", "\"", "''", "\"\"", "\\", "\\n", "yes", "no", "on", "off", "Y", "n", "null", "~", "true", "False",
        "0", "-1", "+1", "1e10", ".5", ".inf", ".NaN", "0x1F", "0o17", "1_000", "12:30:00", "2024-01-01", "<<", "=",
        "- x", "? x", ": x", "[", "]", "{", "}", ",", "&a", "*a", "!a", "|", ">", "%", "@", "`", "\t", "\r", "\n",
        "\r\n", "\n\n", "a\n", "a\n\n", "\na", " a\nb", "a \nb", "a\n \nb", "caf\u00e9", "\u00a0", "\u0085", "\u2028",
        "\u2029", "\uFEFF", "\uFFFE", "\uFFFF", "\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0080", "\u009f",
        "\U0001F525", "\u4e2d\u6587", "\u05e9\u05dc\u05d5\u05dd", "up{job=\"a\\\"b\"}", "sum(x)\n  /\nsum(y)",
        "x" + new string(' ', 3) + "y", new string('x', 2000),
    ];

    private static string RandomText(Random random, int maxLength, bool allowEmpty)
    {
        while (true)
        {
            var text = new StringBuilder();
            var parts = random.Next(0, 4);
            for (var i = 0; i < parts; i++)
            {
                text.Append(random.Next(3) == 0 ? RandomChars(random, maxLength) : Nasty[random.Next(Nasty.Length)]);
            }

            var value = text.ToString();
            if (allowEmpty || value.Length > 0)
            {
                return value;
            }
        }
    }

    private static string RandomChars(Random random, int maxLength)
    {
        var chars = new StringBuilder();
        for (var i = random.Next(0, maxLength); i > 0; i--)
        {
            var pick = random.Next(10);
            chars.Append(pick switch
            {
                < 5 => (char)random.Next(0x20, 0x7F),
                5 => (char)random.Next(0, 0x20),
                6 => (char)random.Next(0x7F, 0x100),
                7 => (char)random.Next(0x100, 0xD800),
                8 => char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF)),
                _ => "\n",
            });
        }

        return chars.ToString();
    }

    private static string RandomName(Random random, bool metric)
    {
        const string first = "abcXYZ_";
        const string rest = "abcXYZ_019";
        var name = new StringBuilder().Append(first[random.Next(first.Length)]);
        for (var i = random.Next(0, 12); i > 0; i--)
        {
            name.Append(metric && random.Next(6) == 0 ? ':' : rest[random.Next(rest.Length)]);
        }

        return name.ToString() == "__name__" ? "name" : name.ToString();
    }

    private static LabelMap RandomMap(Random random)
    {
        var map = LabelMap.Empty;
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            map = map.With(RandomName(random, metric: false), RandomText(random, 20, allowEmpty: true));
        }

        return map;
    }

    private static PromDuration? RandomDuration(Random random) =>
        random.Next(3) == 0 ? null : PromDuration.FromMilliseconds(random.Next(4) == 0 ? random.NextInt64(0, PromDuration.MaxMilliseconds) : random.Next(0, 100) * 60_000L);

    private static string RandomExpr(Random random)
    {
        while (true)
        {
            var expr = RandomText(random, 30, allowEmpty: false);
            if (!string.IsNullOrWhiteSpace(expr))
            {
                return expr;
            }
        }
    }

    internal static RuleFile RandomFile(Random random)
    {
        var groups = new List<RuleGroup>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var g = random.Next(0, 4); g > 0; g--)
        {
            var name = RandomText(random, 15, allowEmpty: false);
            if (!names.Add(name))
            {
                continue;
            }

            var rules = new List<Rule>();
            for (var r = random.Next(0, 5); r > 0; r--)
            {
                rules.Add(random.Next(2) == 0
                    ? new AlertingRule(RandomText(random, 15, allowEmpty: false), RandomExpr(random), RandomDuration(random), RandomDuration(random), RandomMap(random), RandomMap(random))
                    : new RecordingRule(RandomName(random, metric: true), RandomExpr(random), RandomMap(random)));
            }

            groups.Add(new RuleGroup(name, rules, RandomDuration(random), random.Next(3) == 0 ? random.Next(0, 1000) : null));
        }

        return new RuleFile(groups);
    }

    [Fact]
    public void RenderThenParse_RandomFilesWithNastyStrings_GiveEqualModels()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 1500; i++)
        {
            var file = RandomFile(random);
            var yaml = RuleFileRenderer.Render(file);

            var result = RuleFileParser.Parse(yaml, YamlOnly);

            Assert.True(result.File == file, $"round trip {i} changed the model:\n{yaml}\n{string.Join('\n', result.Report)}");
            Assert.DoesNotContain(result.Report, l => l.Status == ReportStatus.Error);
        }
    }

    [Fact]
    public void RenderThenParse_AsPrometheusRule_GivesEqualModels()
    {
        var random = new Random(99);
        for (var i = 0; i < 300; i++)
        {
            var file = RandomFile(random);
            var yaml = RuleFileRenderer.RenderPrometheusRule(file, new ManifestMetadata("rules", "monitoring", LabelMap.Of(("release", "prometheus"))));

            Assert.Equal(file, RuleFileParser.Parse(yaml, YamlOnly).File);
        }
    }

    [Theory]
    [MemberData(nameof(NastyStrings))]
    public void RenderThenParse_EachNastyStringInEveryPosition_IsKept(string nasty)
    {
        var expr = string.IsNullOrWhiteSpace(nasty) ? "up" + nasty : nasty;
        var name = nasty.Length == 0 ? "g" : nasty;
        var file = new RuleFile([
            new RuleGroup(name, [
                new AlertingRule(name, expr, labels: LabelMap.Of(("l", nasty)), annotations: LabelMap.Of(("a", nasty))),
                new RecordingRule("r", expr, LabelMap.Of(("l", nasty))),
            ]),
        ]);

        var yaml = RuleFileRenderer.Render(file);

        Assert.Equal(file, RuleFileParser.Parse(yaml, YamlOnly).File);
    }

    public static TheoryData<string> NastyStrings() => new(Nasty);

    [Fact]
    public void ParseThenRender_Twice_IsStable()
    {
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var once = RuleFileRenderer.Render(RandomFile(random));

            var twice = RuleFileRenderer.Render(RuleFileParser.Parse(once, YamlOnly).File);

            Assert.Equal(once, twice);
        }
    }
}
