using System.Text;
using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

/// <summary>Random and damaged input must only ever produce a parse error, and what parses must print and re-parse identically.</summary>
public class PromQlFuzzTests
{
    private const int Inputs = 100_000;
    private const int Seed = 20261123;

    private static readonly string[] Seeds =
    [
        "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05",
        "histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) > 0.5",
        "up{job=\"a\"} == 0 or absent(up{job=\"a\"})",
        "max_over_time(rate(x_total[1m])[10m:30s] offset 1h @ end())",
        "a * on(job) group_left(team) b unless c > bool 1",
        "label_replace(up, \"dst\", \"$1\", \"instance\", \"(.*):.*\")",
        "-2 ^ 3 ^ 2 % 0x1F + 'str' + `raw` - .5e3",
        "topk(3, count_values(\"v\", up)) # comment",
    ];

    private static readonly string Alphabet = "()[]{}\",'`:=!~<>+-*/%^@#,. \n0123456789abcxyzmsdhwyINFnanbyonsumrate_";

    [Fact]
    public void Parse_HundredThousandRandomInputs_OnlyEverReportsParseErrors()
    {
        var random = new Random(Seed);
        var valid = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var input = i % 4 == 0 ? Soup(random) : Mutate(random, Seeds[random.Next(Seeds.Length)]);

            ParseResult result;
            try
            {
                result = PromQlParser.Parse(input);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"input #{i} (seed {Seed}) threw {e.GetType().Name}: {e.Message}\n{input}");
            }

            if (result.IsValid)
            {
                valid++;
                var printed = PromQlPrinter.Print(result.Expr!);
                var again = PromQlParser.Parse(printed);
                Assert.True(again.IsValid, $"input #{i}: printed form does not parse: {printed} ({again.Error})\n{input}");
                Assert.Equal(printed, PromQlPrinter.Print(again.Expr!));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error!.Message));
                Assert.InRange(result.Error.Position.Line, 1, input.Count(c => c == '\n') + 1);
            }
        }

        Console.WriteLine($"PromQL fuzz: {Inputs} inputs (seed {Seed}), {valid} valid, none threw");
        Assert.InRange(valid, 1, Inputs - 1);
    }

    private static string Soup(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(1, 60);
        for (var i = 0; i < length; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }

    private static string Mutate(Random random, string text)
    {
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && text.Length > 0; e++)
        {
            var at = random.Next(text.Length);
            text = random.Next(3) switch
            {
                0 => text.Remove(at, 1),
                1 => text.Insert(at, Alphabet[random.Next(Alphabet.Length)].ToString()),
                _ => text[..at] + Alphabet[random.Next(Alphabet.Length)] + text[(at + 1)..],
            };
        }

        return text;
    }
}
