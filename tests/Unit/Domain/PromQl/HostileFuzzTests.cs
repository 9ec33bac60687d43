using System.Text;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

/// <summary>
/// Seeded, reproducible fuzzing around the limits: generated chains, nestings and mutated hostile
/// inputs from tiny to past every limit. Nothing may throw; what parses prints, parses back to the
/// same text and lints.
/// </summary>
public class HostileFuzzTests
{
    private const int Seed = 12_2026;
    private const int Inputs = 2_000;

    // Text after the printer respaced it may outgrow 64 KiB; its tree is still within the node and depth limits.
    private static readonly PromQlLimits AnyLength = PromQlLimits.Default with { MaxTextLength = int.MaxValue };

    private static readonly string[] Operators = [" + ", "-", " * ", " / ", "%", " ^ ", " > bool ", " == bool ", " and ", " or ", " unless ", " + on(job) ", " / ignoring(x) group_left ", " atan2 "];

    private static readonly string[] Operands = ["up", "1", "x_total", "rate(x_total[5m])", "{a=\"b\"}", "sum(up)", "(up)", "-up", "vector(1)", "\"s\""];

    private static readonly (string Open, string Close)[] Wrappers =
    [
        ("(", ")"), ("-", ""), ("+", ""), ("abs(", ")"), ("sum(", ")"), ("sum by (job) (", ")"), ("max_over_time((", ")[5m:])"),
        ("histogram_quantile(0.9, ", ")"), ("label_replace(", ", \"a\", \"b\", \"c\", \".*\")"), ("topk(3, ", ")"),
    ];

    [Fact]
    public void Fuzz_TwoThousandGeneratedHostileInputs_AreRefusedOrRoundTripWithoutThrowing()
    {
        var random = new Random(Seed);
        var (accepted, refused) = (0, 0);
        for (var i = 0; i < Inputs; i++)
        {
            var input = (i % 4) switch
            {
                0 => Chain(random),
                1 => Nesting(random),
                2 => Nesting(random, Chain(random)),
                _ => Mutate(random, HostileCorpus.Cases[random.Next(HostileCorpus.Cases.Count)]),
            };

            ParseResult result;
            try
            {
                result = PromQlParser.Parse(input);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"input #{i} (seed {Seed}, {input.Length} characters) threw {e.GetType().Name}: {e.Message}\n{Head(input)}");
            }

            if (!result.IsValid)
            {
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(result.Error!.Message));
                Assert.InRange(result.Error.Span.Start, 0, input.Length);
                continue;
            }

            accepted++;
            var printed = PromQlPrinter.Print(result.Expr!);
            var again = PromQlParser.Parse(printed, AnyLength);
            Assert.True(again.IsValid, $"input #{i} (seed {Seed}): printed form does not parse: {again.Error}\n{Head(printed)}");
            Assert.Equal(printed, PromQlPrinter.Print(again.Expr!));
            var sorted = PromQlPrinter.Print(PromQlAst.SortMatchers(result.Expr!));
            Assert.Equal(printed.Length, sorted.Length);
            _ = RuleLinter.Lint(new LintRule(RuleKind.Alerting, "Fuzz", input, TimeSpan.FromMinutes(5)));
        }

        // Both sides of the limits must have been reached, or the fuzzing proves little.
        Assert.InRange(accepted, Inputs / 10, Inputs - (Inputs / 10));
        Assert.InRange(refused, Inputs / 10, Inputs - (Inputs / 10));
    }

    /// <summary>Log-uniform in [1, max]: as many short inputs as long ones.</summary>
    private static int Size(Random random, int max) => (int)Math.Max(1, Math.Exp(random.NextDouble() * Math.Log(max)));

    private static string Chain(Random random)
    {
        var op = Operators[random.Next(Operators.Length)];
        var mixed = random.Next(2) == 0;
        var terms = Size(random, 15_000);
        var text = new StringBuilder();
        for (var t = 0; t < terms; t++)
        {
            if (t > 0)
            {
                text.Append(mixed ? Operators[random.Next(Operators.Length)] : op);
            }

            text.Append(Operands[mixed ? random.Next(Operands.Length) : 0]);
        }

        return text.ToString();
    }

    private static string Nesting(Random random, string inner = "up")
    {
        var (open, close) = Wrappers[random.Next(Wrappers.Length)];
        var depth = Size(random, 700);
        return string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
    }

    private static string Mutate(Random random, HostileCase hostile)
    {
        var text = new StringBuilder(hostile.Build(Math.Min(hostile.Count, Size(random, hostile.Count))));
        var edits = random.Next(0, 4);
        const string alphabet = "()[]{}\"'`,:=!~<>+-*/%^@#. \n0123456789aeuxbyonsumrate_";
        for (var e = 0; e < edits && text.Length > 0; e++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                default:
                    text[at] = alphabet[random.Next(alphabet.Length)];
                    break;
            }
        }

        return text.ToString();
    }

    private static string Head(string text) => text.Length <= 300 ? text : text[..300] + $"... ({text.Length} characters)";
}
