using System.Text;
using Portal.Domain.Templates;

namespace Portal.Tests.Unit.Domain.Templates;

/// <summary>
/// Seeded, bounded fuzzing of lexer, parser and evaluator: templates from a small grammar and
/// mutations of the hostile corpus. Whatever the input, the renderer answers with text within the
/// limits or a TemplateError; it never throws. A failure names the seed and case, so it reproduces.
/// </summary>
public class TemplateFuzzTests
{
    private static readonly int[] Seeds = [1, 2, 3, 4];

    // Small limits keep a few thousand renderings to a few seconds and make the limits easy to reach.
    private static readonly TemplateLimits FuzzLimits = new() { OutputCharacters = 4_096, Steps = 5_000, SourceCharacters = 16_384, NestingDepth = 64 };

    private static readonly TemplateData Data = new(3.25,
        new Dictionary<string, string>(HostileTemplates.ManyLabels(20)) { ["job"] = "node", ["instance"] = "host:9100" },
        new Dictionary<string, string> { ["cluster"] = "eu" }, "https://prometheus.example.com/prom");

    private static readonly string[] Operands =
    [
        ".", "$", "$value", "$labels", "$labels.job", "$labels.instance", ".Labels", ".Labels.job", ".Value", "$externalURL",
        "$externalLabels.cluster", "\"text\"", "\"%0999d\"", "\"\"", "`raw`", "1", "-1", "0", "1e308", "0x1F", "'a'", "1.5", "true",
        "false", "nil", "$v",
    ];

    private static readonly (string Name, int Arity)[] Functions =
    [
        ("printf", 2), ("printf", 3), ("print", 2), ("println", 1), ("len", 1), ("index", 2), ("slice", 2), ("html", 1), ("js", 1),
        ("urlquery", 1), ("eq", 2), ("ne", 2), ("lt", 2), ("and", 2), ("or", 2), ("not", 1), ("title", 1), ("toUpper", 1),
        ("toLower", 1), ("reReplaceAll", 3), ("match", 2), ("humanize", 1), ("humanize1024", 1), ("humanizeDuration", 1),
        ("humanizePercentage", 1), ("humanizeTimestamp", 1), ("stripPort", 1), ("stripDomain", 1), ("parseDuration", 1),
        ("args", 2), ("graphLink", 1), ("safeHtml", 1), ("toTime", 1), ("query", 1), ("first", 1), ("externalURL", 0),
    ];

    private static readonly string[] Fragments =
    [
        "{{", "}}", "{{end}}", "{{else}}", "{{- ", " -}}", "(", ")", "|", "\"", "`", "$", ":=", "=", ",", ".", "%0999999d",
        "{{template \"l0\"}}", "{{range $labels}}", "{{if .}}", "{{define \"z\"}}", "{{break}}", "{{/* c */}}", "\n", "é", "\0",
        "99999999999999999999", "{{$v := 1}}", "{{ printf \"%s%s\" $v $v }}",
    ];

    [Fact]
    public void Fuzz_GeneratedTemplates_RenderWithinTheLimitsOrFailWithATemplateError()
    {
        var outcomes = new Dictionary<string, int>();
        foreach (var seed in Seeds)
        {
            var random = new Random(seed);
            for (var i = 0; i < 600; i++)
            {
                var template = new StringBuilder();
                Items(random, template, depth: 0);
                RenderSafely(template.ToString(), FuzzLimits, $"seed {seed}, generated case {i}", outcomes);
            }
        }

        // The grammar reaches every outcome, so the assertions above were exercised on each of them.
        Assert.All(new[] { "ok", nameof(TemplateErrorKind.Syntax), nameof(TemplateErrorKind.Execution), nameof(TemplateErrorKind.Budget) },
            kind => Assert.True(outcomes.GetValueOrDefault(kind) > 0, $"no {kind} among {string.Join(", ", outcomes)}"));
    }

    [Fact]
    public void Fuzz_MutatedHostileCorpus_RendersWithinTheLimitsOrFailsWithATemplateError()
    {
        var outcomes = new Dictionary<string, int>();
        var corpus = HostileTemplates.All.ToList();
        foreach (var (name, template) in corpus)
        {
            RenderSafely(template, TemplateLimits.Default, $"corpus case {name}", outcomes);
        }

        foreach (var seed in Seeds)
        {
            var random = new Random(seed);
            for (var i = 0; i < 250; i++)
            {
                var (name, original) = corpus[random.Next(corpus.Count)];
                // Megabyte cases are cut down first: the point is mutation, not copying.
                var text = original.Length > 20_000 ? original[..random.Next(20_000)] : original;
                for (var m = random.Next(1, 5); m > 0; m--)
                {
                    text = Mutate(random, text);
                }

                RenderSafely(text, FuzzLimits, $"seed {seed}, mutation {i} of {name}", outcomes);
            }
        }

        Assert.True(outcomes.GetValueOrDefault(nameof(TemplateErrorKind.Budget)) > 0, string.Join(", ", outcomes));
    }

    private static void RenderSafely(string template, TemplateLimits limits, string what, Dictionary<string, int> outcomes)
    {
        TemplateResult result;
        try
        {
            result = TemplateRenderer.Render(template, Data, limits);
            TemplateRenderer.Check(template, limits);
            _ = result.PrometheusOutput("Fuzz");
        }
        catch (Exception e)
        {
            Assert.Fail($"{what} threw {e}\ntemplate: {Shorten(template)}");
            return;
        }

        if (result.Success)
        {
            Assert.True(result.Text!.Length <= limits.OutputCharacters,
                $"{what} rendered {result.Text.Length} characters, over {limits.OutputCharacters}\ntemplate: {Shorten(template)}");
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(result.Error!.Message), $"{what}: an error without a message");
            Assert.True(result.Error.Line >= 1 && result.Error.Column >= 1, $"{what}: position {result.Error.Line}:{result.Error.Column}");
        }

        var key = result.Success ? "ok" : result.Error!.Kind.ToString();
        outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
    }

    private static string Shorten(string template) => template.Length > 300 ? template[..300] + "…" : template;

    private static void Items(Random random, StringBuilder sb, int depth)
    {
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            switch (random.Next(depth >= 4 ? 3 : 9))
            {
                case 0:
                    sb.Append(random.Next(3) switch { 0 => "A", 1 => " text ", _ => "\n" });
                    break;
                case 1 or 2:
                    sb.Append(random.Next(6) == 0 ? "{{- " : "{{ ");
                    Pipeline(random, sb, depth, declare: random.Next(5) == 0);
                    sb.Append(random.Next(6) == 0 ? " -}}" : " }}");
                    break;
                case 3 or 4:
                    var word = new[] { "if", "with", "range" }[random.Next(3)];
                    sb.Append("{{").Append(word).Append(' ');
                    if (word == "range" && random.Next(2) == 0)
                    {
                        sb.Append("$k, $v := ");
                    }

                    Pipeline(random, sb, depth + 1, declare: false);
                    sb.Append("}}");
                    Items(random, sb, depth + 1);
                    if (word == "range" && random.Next(4) == 0)
                    {
                        sb.Append(random.Next(2) == 0 ? "{{break}}" : "{{continue}}");
                    }

                    if (random.Next(3) == 0)
                    {
                        sb.Append(word == "if" && random.Next(2) == 0 ? "{{else if true}}" : "{{else}}");
                        Items(random, sb, depth + 1);
                    }

                    sb.Append("{{end}}");
                    break;
                case 5:
                    var name = "t" + random.Next(3);
                    sb.Append("{{define \"").Append(name).Append("\"}}");
                    Items(random, sb, depth + 1);
                    sb.Append("{{end}}");
                    for (var calls = random.Next(1, 12); calls > 0; calls--)
                    {
                        sb.Append("{{template \"").Append(name).Append("\" .}}");
                    }

                    break;
                case 6:
                    sb.Append("{{template \"t").Append(random.Next(3)).Append("\"}}");
                    break;
                case 7:
                    sb.Append("{{block \"b").Append(random.Next(2)).Append("\" .}}");
                    Items(random, sb, depth + 1);
                    sb.Append("{{end}}");
                    break;
                default:
                    sb.Append(Fragments[random.Next(Fragments.Length)]);
                    break;
            }
        }
    }

    private static void Pipeline(Random random, StringBuilder sb, int depth, bool declare)
    {
        if (declare)
        {
            sb.Append(random.Next(3) == 0 ? "$v = " : "$v := ");
        }

        for (var stage = random.Next(1, 3); stage > 0; stage--)
        {
            var (name, arity) = Functions[random.Next(Functions.Length)];
            if (random.Next(3) == 0)
            {
                Operand(random, sb, depth);
            }
            else
            {
                sb.Append(name);
                // Later stages receive the previous stage's value as their last argument.
                for (var a = stage == 1 && sb.Length > 0 && random.Next(2) == 0 ? arity - 1 : arity; a > 0; a--)
                {
                    sb.Append(' ');
                    Operand(random, sb, depth);
                }
            }

            if (stage > 1)
            {
                sb.Append(" | ");
            }
        }
    }

    private static void Operand(Random random, StringBuilder sb, int depth)
    {
        if (depth < 4 && random.Next(6) == 0)
        {
            sb.Append('(');
            Pipeline(random, sb, depth + 1, declare: false);
            sb.Append(')');
            return;
        }

        sb.Append(Operands[random.Next(Operands.Length)]);
    }

    private static string Mutate(Random random, string text)
    {
        if (text.Length == 0)
        {
            return Fragments[random.Next(Fragments.Length)];
        }

        var at = random.Next(text.Length);
        var length = Math.Min(random.Next(1, 40), text.Length - at);
        return random.Next(5) switch
        {
            0 => text.Remove(at, length),
            1 => text.Insert(at, text.Substring(at, length)),
            2 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
            3 => text[..at] + (char)random.Next(32, 127) + text[(at + 1)..],
            _ => text.Insert(random.Next(text.Length), text.Substring(at, length)),
        };
    }
}
