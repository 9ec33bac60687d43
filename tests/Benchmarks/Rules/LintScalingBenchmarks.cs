using System.Text;
using BenchmarkDotNet.Attributes;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;

namespace Portal.Benchmarks.Rules;

/// <summary>
/// Lint must be linear in the size of the tree: time per node should stay flat from 1,000 to 100,000
/// nodes. Trees that large are past what the parser accepts from users, so they are parsed here with
/// raised limits; the chain (a + b + c ...) is the shape that made the old ancestor walk quadratic.
/// </summary>
[MemoryDiagnoser]
public class LintScalingBenchmarks
{
    private static readonly PromQlLimits Unlimited = new() { MaxTextLength = int.MaxValue, MaxNodes = int.MaxValue, MaxDepth = int.MaxValue };

    private LintRule _rule = null!;
    private Expr _tree = null!;

    public enum Shapes
    {
        /// <summary>One long left-deep chain: as deep as it is long.</summary>
        Chain,

        /// <summary>Parenthesised sums of 100 terms each, joined: wide and about 100 deep.</summary>
        Groups,
    }

    [Params(1_000, 10_000, 100_000)]
    public int Nodes { get; set; }

    [Params(Shapes.Chain, Shapes.Groups)]
    public Shapes Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Each term is three nodes (call, range, selector) plus the operator joining it: four a term.
        var terms = Nodes / 4;
        var text = new StringBuilder();
        for (var i = 0; i < terms; i++)
        {
            var groupStart = Shape == Shapes.Groups && i % 100 == 0;
            if (i > 0)
            {
                text.Append(groupStart ? ") + " : " + ");
            }

            text.Append(groupStart ? "(" : "").Append(i % 2 == 0 ? $"rate(http_requests_{i}_total{{job=\"api\"}}[5m])" : $"rate(queue_depth_{i}[1m])");
        }

        if (Shape == Shapes.Groups)
        {
            text.Append(')');
        }

        var expression = text.ToString();
        var parsed = PromQlParser.Parse(expression, Unlimited);
        _tree = parsed.Expr ?? throw new InvalidOperationException(parsed.Error!.ToString());
        _rule = new LintRule(RuleKind.Recording, "job:requests:rate5m", expression);
        var (nodes, depth) = PromQlAst.Measure(_tree);
        Console.WriteLine($"// {Shape} of {Nodes} nodes: {nodes} nodes, {depth} deep, {expression.Length} characters");
    }

    /// <summary>The expression checks over the tree: the part that walked every node's ancestors.</summary>
    [Benchmark]
    public int Lint()
    {
        var findings = new List<LintFinding>();
        ExpressionChecks.Run(_rule, _tree, LintOptions.Default, findings);
        return findings.Count;
    }

    /// <summary>Parsing and linting together, as the API's lint endpoint does (with the limits raised).</summary>
    [Benchmark]
    public int ParseAndLint()
    {
        var findings = new List<LintFinding>();
        ExpressionChecks.Run(_rule, PromQlParser.Parse(_rule.Expression, Unlimited).Expr!, LintOptions.Default, findings);
        return findings.Count;
    }
}
