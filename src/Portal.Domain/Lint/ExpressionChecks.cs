using Portal.Domain.PromQl;

namespace Portal.Domain.Lint;

/// <summary>The checks that read the expression's tree.</summary>
internal static class ExpressionChecks
{
    private static readonly HashSet<string> CounterFunctions = new(StringComparer.Ordinal) { "rate", "irate", "increase" };
    private static readonly HashSet<string> RangeFunctions = new(StringComparer.Ordinal) { "rate", "irate", "increase", "delta", "idelta", "deriv", "resets", "changes" };
    private static readonly HashSet<string> NonArithmeticUses = new(StringComparer.Ordinal)
    {
        "absent", "absent_over_time", "present_over_time", "timestamp", "count_over_time", "last_over_time", "changes", "resets",
    };

    public static void Run(LintRule rule, Expr root, LintOptions options, List<LintFinding> findings)
    {
        var text = rule.Expression;
        var reported = new HashSet<(string, string)>();
        void Add(LintChecks.Check check, string message, TextSpan span)
        {
            // A metric used twice in one expression is one problem, not two.
            if (reported.Add((check.Id, message)))
            {
                findings.Add(RuleLinter.Finding(check, message, "expr", text, span));
            }
        }

        if (root.Type is PromQlType.Matrix or PromQlType.String)
        {
            Add(LintChecks.ResultType, $"the expression returns a {PromQlTypeName(root.Type)}", root.Span);
        }

        var alerting = rule.Kind == RuleKind.Alerting;
        foreach (var (node, ancestors) in PromQlAst.Walk(root, default(Ancestry), Ancestry.Descend))
        {
            switch (node)
            {
                case Call call when CounterFunctions.Contains(call.Function.Name):
                    // Inside histogram_quantile() the bucket check says it better.
                    foreach (var selector in ancestors.InQuantile ? [] : PromQlAst.Selectors(call.Args[0]))
                    {
                        var name = PromQlAst.MetricName(selector);
                        if (name is not null && IsGauge(name, options))
                        {
                            Add(LintChecks.RateOfNonCounter, $"{call.Function.Name}() over \"{name}\", which is not a counter", selector.Span);
                        }
                    }

                    if (alerting && call.Function.Name == "irate")
                    {
                        Add(LintChecks.IrateInAlert, "irate() in an alert", call.Span);
                    }

                    break;
                case Call { Function.Name: "histogram_quantile" } quantile:
                    CheckQuantile(quantile, Add);
                    break;
                case MatrixSelector matrix when ancestors.Parent is Call parent && RangeFunctions.Contains(parent.Function.Name)
                                                && matrix.Range < options.ScrapeInterval * 2:
                    Add(LintChecks.ShortRateWindow,
                        $"range [{Durations.Format(matrix.Range)}] is shorter than two scrape intervals ({Durations.Format(options.ScrapeInterval * 2)})",
                        matrix.Span);
                    break;
                case VectorSelector selector:
                    CheckSelector(selector, ancestors, alerting, options, Add);
                    break;
                case AggregateExpr { Op: TokenKind.Topk or TokenKind.Bottomk } ranking when alerting:
                    Add(LintChecks.TopkInAlert, $"{TokenKinds.Symbol(ranking.Op)}() in an alert", ranking.Span);
                    break;
            }
        }

        if (alerting)
        {
            CheckCondition(rule, root, Add);
        }
    }

    /// <summary>
    /// What the checks ask of a node's ancestors, handed down from parent to child so that lint stays
    /// linear: asking the whole ancestor chain at every node is quadratic on a long chain.
    /// </summary>
    private readonly record struct Ancestry(Expr? Parent, bool InQuantile, bool Harmless, bool InArithmetic)
    {
        public static Ancestry Descend(Expr parent, Ancestry above) => new(
            parent,
            above.InQuantile || parent is Call { Function.Name: "histogram_quantile" },
            above.Harmless || parent is Call c && NonArithmeticUses.Contains(c.Function.Name) || parent is AggregateExpr { Op: TokenKind.Count or TokenKind.Group },
            above.InArithmetic || parent is BinaryExpr);
    }

    private static void CheckSelector(VectorSelector selector, Ancestry ancestors, bool alerting, LintOptions options,
        Action<LintChecks.Check, string, TextSpan> add)
    {
        var name = PromQlAst.MetricName(selector);
        if (name is null)
        {
            return;
        }

        if ((name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal))
            && selector.Matchers.Any(m => m.Name == "le"))
        {
            add(LintChecks.LeOnNonBucket, $"le matcher on \"{name}\", which has no le label", selector.Span);
        }

        var inRange = ancestors.Parent is MatrixSelector;
        if (!inRange && !ancestors.Harmless && IsCounter(name, options, strongEvidenceOnly: true) && (alerting || ancestors.InArithmetic)
            && !ancestors.InQuantile)
        {
            add(LintChecks.CounterWithoutRate, $"\"{name}\" is a counter (or named like one) used without rate() or increase()", selector.Span);
        }
    }

    private static void CheckQuantile(Call quantile, Action<LintChecks.Check, string, TextSpan> add)
    {
        var argument = quantile.Args[1];
        var selectors = PromQlAst.Selectors(argument);
        var names = selectors.Select(PromQlAst.MetricName).OfType<string>().ToList();
        if (names.Count > 0 && !names.Any(n => n.EndsWith("_bucket", StringComparison.Ordinal) || n.Contains(':')))
        {
            add(LintChecks.QuantileNotBucket, $"histogram_quantile() over \"{names[0]}\", which is not a _bucket series", argument.Span);
        }

        if (DroppingLe(argument) is { } aggregate)
        {
            add(LintChecks.QuantileWithoutLe, $"{TokenKinds.Symbol(aggregate.Op)}() inside histogram_quantile() drops the le label", aggregate.Span);
        }

        var rated = PromQlAst.Descendants(argument).OfType<Call>().Any(c => c.Function.Name is "rate" or "irate" or "increase" or "delta");
        if (!rated && names.Any(n => n.EndsWith("_bucket", StringComparison.Ordinal) && !n.Contains(':')))
        {
            add(LintChecks.QuantileWithoutRate, "histogram_quantile() over raw bucket counters", argument.Span);
        }
    }

    /// <summary>
    /// The aggregation that takes `le` out of what <paramref name="expr"/> returns, or null when `le` reaches
    /// its result. Only the labels that reach the result count: an aggregation on the right of a
    /// `group_left` join (which keeps the left side's labels) drops nothing that matters. Where the answer
    /// is not certain (label_replace, `or`, an `on` list) it says null: this finding stops a publish, so it
    /// must never fire on a sound rule.
    /// </summary>
    private static AggregateExpr? DroppingLe(Expr expr) => expr switch
    {
        ParenExpr paren => DroppingLe(paren.Inner),
        UnaryExpr unary => DroppingLe(unary.Operand),
        SubqueryExpr subquery => DroppingLe(subquery.Inner),
        // topk and bottomk pick series within each group and keep every label of them.
        AggregateExpr { Op: TokenKind.Topk or TokenKind.Bottomk } pick => DroppingLe(pick.Argument),
        AggregateExpr aggregate => (aggregate.Without ? aggregate.Grouping.Contains("le") : !aggregate.Grouping.Contains("le"))
            ? aggregate
            : DroppingLe(aggregate.Argument),
        Call { Function.Name: "label_replace" or "label_join" } => null,
        Call call => call.Args.Where(a => a.Type is PromQlType.Vector or PromQlType.Matrix).Select(DroppingLe).ToList() is { Count: > 0 } found
                     && found.All(f => f is not null) ? found[0] : null,
        BinaryExpr binary when binary.Lhs.Type == PromQlType.Scalar => DroppingLe(binary.Rhs),
        BinaryExpr binary when binary.Rhs.Type == PromQlType.Scalar => DroppingLe(binary.Lhs),
        BinaryExpr { Op: TokenKind.Or } or => DroppingLe(or.Lhs) is { } left && DroppingLe(or.Rhs) is not null ? left : null,
        BinaryExpr { Matching: { Card: VectorMatchCardinality.ManyToOne } matching } left =>
            matching.Include.Contains("le") ? null : DroppingLe(left.Lhs),
        BinaryExpr { Matching: { Card: VectorMatchCardinality.OneToMany } matching } right =>
            matching.Include.Contains("le") ? null : DroppingLe(right.Rhs),
        BinaryExpr { Matching: { On: true } matching } on => matching.MatchingLabels.Contains("le") ? DroppingLe(on.Lhs) : null,
        BinaryExpr { Matching: { On: false } matching } ignoring => matching.MatchingLabels.Contains("le") ? null : DroppingLe(ignoring.Lhs),
        BinaryExpr binary => DroppingLe(binary.Lhs),
        _ => null,
    };

    private static void CheckCondition(LintRule rule, Expr root, Action<LintChecks.Check, string, TextSpan> add)
    {
        var nodes = PromQlAst.Descendants(root).ToList();
        var compares = nodes.OfType<BinaryExpr>().Any(b => TokenKinds.IsComparison(b.Op) && !b.ReturnBool);
        var absent = nodes.OfType<Call>().Any(c => c.Function.Name is "absent" or "absent_over_time");
        if (!compares && !absent)
        {
            add(LintChecks.NoComparison, "the expression has no condition, so every series it returns fires", root.Span);
            return;
        }

        if (ThresholdForm.Find(rule.Expression) is not { } form)
        {
            return;
        }

        var query = PromQlAst.Unwrap(PromQlParser.Parse(form.Query).Expr!);
        var isRatio = query is BinaryExpr { Op: TokenKind.Div } division
                      && ThresholdForm.Constant(division.Rhs) is null
                      && ThresholdForm.Constant(division.Lhs) is null;
        var scaledToPercent = PromQlAst.Descendants(query).OfType<NumberLiteral>().Any(n => n.Value == 100);
        if (isRatio && !scaledToPercent && form.Threshold > 1 && form.Threshold <= 100)
        {
            add(LintChecks.PercentThreshold, $"a ratio compared with {form.Threshold}: did you mean {form.Threshold / 100}?", form.ThresholdSpan);
            return;
        }

        var text = string.Join(" ", rule.AnnotationsOrEmpty.Where(a => a.Key is "summary" or "description").Select(a => a.Value));
        if (text.Contains('%') && !isRatio && !scaledToPercent && !IsFraction(query) && form.Threshold < 1
            && PromQlAst.Descendants(query).OfType<Call>().Any(c => c.Function.Name is "rate" or "irate" or "increase"))
        {
            add(LintChecks.PercentThreshold,
                $"the annotations speak of a percentage, but the expression is a per-second rate, not a ratio of rates", form.QuerySpan);
        }
    }

    /// <summary>
    /// A value between 0 and 1 without a division: `1 - x`, or the rate of a seconds counter (seconds per
    /// second, as CPU time is). Compared with 0.9 it means 90 %, so the annotations may say so.
    /// </summary>
    private static bool IsFraction(Expr query)
    {
        if (query is BinaryExpr { Op: TokenKind.Sub, Lhs: NumberLiteral { Value: 1 } })
        {
            return true;
        }

        var rated = PromQlAst.Descendants(query).OfType<Call>().Where(c => c.Function.Name is "rate" or "irate").SelectMany(c => PromQlAst.Selectors(c))
            .Select(PromQlAst.MetricName).ToList();
        return rated.Count > 0 && rated.All(n => n is not null && n.EndsWith("_seconds_total", StringComparison.Ordinal));
    }

    /// <summary>
    /// Metadata decides when there is some. Offline, _total and _bucket are taken as proof; _count and
    /// _sum are not, because exporters name gauges that way too (pg_stat_activity_count).
    /// </summary>
    private static bool IsCounter(string name, LintOptions options, bool strongEvidenceOnly) =>
        options.Metadata.TryGetValue(name, out var type) && type != MetricType.Unknown
            ? type == MetricType.Counter
            : strongEvidenceOnly
                ? !name.Contains(':') && (name.EndsWith("_total", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal))
                : HasCounterSuffix(name);

    /// <summary>Known not to be a counter: metadata says so, or no counter-like suffix and no metadata.</summary>
    private static bool IsGauge(string name, LintOptions options)
    {
        if (name.Contains(':'))
        {
            return false;
        }

        if (options.Metadata.TryGetValue(name, out var type) && type != MetricType.Unknown)
        {
            return type == MetricType.Gauge;
        }

        return !HasCounterSuffix(name);
    }

    private static bool HasCounterSuffix(string name) =>
        !name.Contains(':') && (name.EndsWith("_total", StringComparison.Ordinal) || name.EndsWith("_count", StringComparison.Ordinal)
                                || name.EndsWith("_sum", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal));

    private static string PromQlTypeName(PromQlType type) => type == PromQlType.Matrix ? "range vector" : "string";
}
