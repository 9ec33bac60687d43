using System.Text;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Tests.Unit.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.PromQl;

/// <summary>
/// Input built to exhaust the stack, the CPU or the memory: each is refused with a parse error and a
/// position, and trees too deep for the parser are refused by the walkers with a typed exception.
/// </summary>
public class HostileExpressionTests
{
    public static TheoryData<string> CorpusNames()
    {
        var names = new TheoryData<string>();
        foreach (var hostile in HostileCorpus.Cases)
        {
            names.Add(hostile.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public void Parse_HostileCorpusInput_IsRefusedWithAParseErrorThatSaysWhy(string name)
    {
        var hostile = HostileCorpus.Case(name);
        var text = hostile.Build();

        var result = PromQlParser.Parse(text);

        Assert.False(result.IsValid, $"{name} was accepted");
        Assert.Contains(hostile.Refusal, result.Error!.Message, StringComparison.Ordinal);
        Assert.InRange(result.Error.Span.Start, 0, text.Length);
    }

    [Fact]
    public void Parse_ChainOf12000Terms_IsRefusedAtThe512thOperator()
    {
        var text = HostileCorpus.Case("plus-chain-12000-terms").Build();

        var error = PromQlParser.Parse(text).Error!;

        // "up + " is five characters: the 512th "+" starts at 5 * 511 + 3, and makes the tree 513 deep.
        Assert.Equal(new Position(1, 5 * 511 + 3 + 1), error.Position);
        Assert.Contains($"more than {PromQlLimits.DefaultMaxDepth} levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ChainOf100000Terms_IsRefusedWithPositionAtTheLengthLimit()
    {
        var text = HostileCorpus.Case("plus-chain-100000-terms").Build();

        var error = PromQlParser.Parse(text).Error!;

        Assert.Equal(new Position(1, PromQlLimits.DefaultMaxTextLength + 1), error.Position);
        Assert.Contains("65,536", error.Message, StringComparison.Ordinal);
        Assert.Equal(new TextSpan(PromQlLimits.DefaultMaxTextLength, text.Length), error.Span);
    }

    [Fact]
    public void Parse_ChainAsDeepAsTheLimit_IsAccepted_AndOneTermMoreIsRefused()
    {
        // n terms make n - 1 operators and a tree n deep.
        var atLimit = string.Join(" + ", Enumerable.Repeat("up", PromQlLimits.DefaultMaxDepth));
        var overLimit = atLimit + " + up";

        Assert.True(PromQlParser.Parse(atLimit).IsValid);
        Assert.Contains("levels deep", PromQlParser.Parse(overLimit).Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExpressionWithAsManyNodesAsTheLimit_IsAccepted_AndOneNodeMoreIsRefused()
    {
        // label_join(up, "dst", ",", k strings) has k + 4 nodes.
        static string Join(int strings) => "label_join(up, \"dst\", \",\", " + string.Join(", ", Enumerable.Repeat("\"a\"", strings)) + ")";

        var atLimit = PromQlParser.Parse(Join(PromQlLimits.DefaultMaxNodes - 4));
        var overLimit = PromQlParser.Parse(Join(PromQlLimits.DefaultMaxNodes - 3));

        Assert.True(atLimit.IsValid, atLimit.Error?.Message);
        Assert.Contains($"more than {PromQlLimits.DefaultMaxNodes:N0} nodes", overLimit.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShallowBalancedTreeOfTooManyNodes_IsRefusedForItsNodeCount()
    {
        // 8,192 leaves in a balanced tree: about 24,000 nodes, yet only 27 levels deep.
        var text = Balanced(13);

        var error = PromQlParser.Parse(text).Error!;

        Assert.Contains("nodes", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Span.Start, 1, text.Length - 1);
    }

    [Fact]
    public void Parse_TextOverTheLimit_IsRefusedBeforeAnyOfItIsRead()
    {
        // Not PromQL at all past the limit: the lexer would refuse the first character, but never sees it.
        var text = new string('§', PromQlLimits.DefaultMaxTextLength + 1);

        var error = PromQlParser.Parse(text).Error!;

        Assert.StartsWith("expression is 65,537 characters long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_ChainOf100000TermsBuiltInCode_PrintsWithoutRecursing()
    {
        var chain = Chain(100_000);

        var text = PromQlPrinter.Print(chain);

        Assert.Equal(100_000 * "up + ".Length - " + ".Length, text.Length);
        Assert.StartsWith("up + up", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SortMatchers_TreeBuiltInCodeDeeperThanTheLimit_ThrowsExpressionTooDeep()
    {
        var exception = Assert.Throws<ExpressionTooDeepException>(() => PromQlAst.SortMatchers(Chain(100_000)));

        Assert.Equal(PromQlLimits.DefaultMaxDepth, exception.MaxDepth);
    }

    [Fact]
    public void PrintReadable_TreeBuiltInCodeDeeperThanTheLimit_ThrowsExpressionTooDeep()
    {
        Assert.Throws<ExpressionTooDeepException>(() => PromQlPrinter.PrintReadable(Chain(100_000)));
    }

    [Fact]
    public void PrintReadable_ChainAtTheDepthLimit_BreaksItAndParsesBack()
    {
        var text = string.Join(" + ", Enumerable.Repeat("up", PromQlLimits.DefaultMaxDepth));
        var expr = PromQlParser.Parse(text).Expr!;

        var readable = PromQlPrinter.PrintReadable(expr);

        Assert.Contains('\n', readable);
        Assert.Equal(text, PromQlPrinter.Print(PromQlParser.Parse(readable).Expr!));
    }

    [Fact]
    public void ThresholdFind_ConstantChainAtTheDepthLimit_AddsItUp()
    {
        var text = "up > " + string.Join(" + ", Enumerable.Repeat("1", PromQlLimits.DefaultMaxDepth - 1));

        var form = ThresholdForm.Find(text)!;

        Assert.Equal(PromQlLimits.DefaultMaxDepth - 1, form.Threshold);
    }

    [Fact]
    public void Measure_ChainBuiltInCode_CountsNodesAndDepthWithoutRecursing()
    {
        Assert.Equal((199_999, 100_000), PromQlAst.Measure(Chain(100_000)));
    }

    [Fact]
    public void WithAncestors_GivesEveryNodeItsAncestorsNearestFirst()
    {
        var expr = PromQlParser.Parse("sum(rate(x_total[5m])) + 1").Expr!;

        var ancestors = PromQlAst.WithAncestors(expr).ToDictionary(n => n.Node.GetType().Name, n => n.Ancestors?.Select(a => a.GetType().Name).ToArray() ?? []);

        Assert.Equal(["MatrixSelector", "Call", "AggregateExpr", "BinaryExpr"], ancestors["VectorSelector"]);
        Assert.Empty(ancestors["BinaryExpr"]);
        Assert.Equal(["BinaryExpr"], ancestors["NumberLiteral"]);
    }

    [Fact]
    public void WithAncestors_ChainBuiltInCode_VisitsEveryNodeSharingOneLinkPerParent()
    {
        var visits = PromQlAst.WithAncestors(Chain(100_000)).ToList();

        Assert.Equal(199_999, visits.Count);
        // The two children of a node share their parent's link rather than each copying the path.
        var leaves = visits.Where(v => v.Node is VectorSelector).Take(2).ToList();
        Assert.Same(leaves[0].Ancestors, leaves[1].Ancestors);
    }

    [Fact]
    public void LintFile_StoredRuleOverTheLimits_IsALintErrorSoPublishHoldsItsNamespaceBack()
    {
        // Saved before the limits existed: the catalog hands publish a file the parser now refuses.
        var expression = HostileCorpus.Case("plus-chain-12000-terms").Build();
        var yaml = $"groups:\n- name: g\n  rules:\n  - alert: Huge\n    expr: '{expression} > 1'\n    for: 5m\n    labels: {{severity: warning}}\n";
        var file = RuleFileParser.Parse(yaml, new ParseOptions { Format = InputFormat.Yaml, Validation = ValidationOptions.ShapeOnly }).File;
        Assert.Single(file.AllRules);

        var findings = LintRules.LintFile(file);

        // Publisher.BuildPlanAsync holds back every namespace with an Error finding.
        Assert.Contains(findings, f => f.Finding is { Id: "promql-syntax", Severity: LintSeverity.Error } && f.Finding.Message.Contains("levels deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_ExpressionAtTheLimits_FindsWhatItWouldInASmallOne()
    {
        // 500 terms three deep joined by 499 operators: a tree 502 deep, 503 with the comparison.
        var terms = Enumerable.Range(0, 500).Select(i => $"rate(gauge_{i}[5m])");
        var rule = new LintRule(RuleKind.Alerting, "Big", string.Join(" + ", terms) + " > 1", TimeSpan.FromMinutes(5));

        var findings = RuleLinter.Lint(rule);

        Assert.DoesNotContain(findings, f => f.Id == "promql-syntax");
        Assert.Equal(500, findings.Count(f => f.Id == "rate-of-non-counter"));
    }

    [Fact]
    public void Parse_EveryExpressionOfTheDifferentialCorpora_GetsTheSameVerdictWithinTheLimits()
    {
        var expressions = HostileCorpus.DifferentialExpressions().ToList();
        Assert.True(expressions.Count > 400, $"only {expressions.Count} corpus expressions found");

        foreach (var text in expressions)
        {
            var unlimited = PromQlParser.Parse(text, HostileCorpus.Unlimited);
            var limited = PromQlParser.Parse(text);
            Assert.True(unlimited.IsValid == limited.IsValid, $"the limits change the verdict on: {text} ({limited.Error})");
        }
    }

    [Fact]
    public void Parse_EveryRuleOfTheRuleFileCorporaAndTheStarterPack_GetsTheSameVerdictWithinTheLimits()
    {
        var directory = Path.Combine(RuleFileTestSupport.RepositoryRoot(), "tests", "Integration", "Data", "rulefiles");
        var texts = Directory.GetFiles(directory, "*.yml", SearchOption.AllDirectories).Select(File.ReadAllText).Append(StarterPack.Yaml);
        var options = new ParseOptions { Format = InputFormat.Yaml, Validation = ValidationOptions.ShapeOnly };
        var checkedRules = 0;

        foreach (var rule in texts.SelectMany(t => RuleFileParser.Parse(t, options).File.AllRules))
        {
            checkedRules++;
            var unlimited = PromQlParser.Parse(rule.Expr, HostileCorpus.Unlimited);
            var limited = PromQlParser.Parse(rule.Expr);
            Assert.True(unlimited.IsValid == limited.IsValid, $"the limits change the verdict on: {rule.Expr} ({limited.Error})");
        }

        Assert.True(checkedRules > 20, $"only {checkedRules} rules found");
        Assert.All(RuleFileParser.Parse(StarterPack.Yaml, options).File.AllRules, r => Assert.True(PromQlParser.Parse(r.Expr).IsValid, r.Expr));
    }

    [Fact]
    public void PositionAt_LongTextWithManyLines_AgreesWithCountingFromTheStart()
    {
        var text = string.Join("\n", Enumerable.Range(0, 3000).Select(i => new string('x', i % 37)));

        foreach (var offset in new[] { 0, 5, 1023, 1024, 1025, 20_000, 40_000, text.Length })
        {
            var before = text[..offset];
            var expected = new Position(before.Count(c => c == '\n') + 1, offset - (before.LastIndexOf('\n') + 1) + 1);
            Assert.Equal(expected, Position.At(text, offset));
        }
    }

    /// <summary>up + up + ... built as the parser would, but without it: a left-deep tree as deep as it is long.</summary>
    internal static Expr Chain(int terms)
    {
        var span = new TextSpan(0, 2);
        Expr expr = new VectorSelector("up", [], TimeSpan.Zero, null, span);
        for (var i = 1; i < terms; i++)
        {
            expr = new BinaryExpr(TokenKind.Add, expr, new VectorSelector("up", [], TimeSpan.Zero, null, span), null, false, span);
        }

        return expr;
    }

    private static string Balanced(int levels)
    {
        var text = new StringBuilder();
        void Write(int level)
        {
            if (level == 0)
            {
                text.Append('a');
                return;
            }

            text.Append('(');
            Write(level - 1);
            text.Append('+');
            Write(level - 1);
            text.Append(')');
        }

        Write(levels);
        return text.ToString();
    }
}
