using System.Globalization;
using System.Text;

namespace Portal.Domain.PromQl;

/// <summary>
/// Decides whether two PromQL expressions mean the same by comparing their syntax trees modulo what
/// does not change a result: parentheses, whitespace, number and duration spelling (by value, and
/// number-only arithmetic folded as Prometheus would compute it), string quoting, matcher order,
/// a metric name written as name or as `__name__` matcher, an empty `by ()`, an `ignoring ()` (which
/// Prometheus prints as nothing), unary plus, and the order of label lists in by/without/on/ignoring/group_x
/// (each is a set: the result's labels do not depend on it).
/// </summary>
public static class ExpressionEquivalence
{
    /// <summary>True when <paramref name="published"/> and <paramref name="loaded"/> mean the same.</summary>
    public static bool Same(string published, string loaded) => Compare(published, loaded).Same;

    public static ExpressionComparison Compare(string published, string loaded)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(loaded);
        var ours = PromQlParser.Parse(published).Expr;
        var publishedText = ours is null ? published : PromQlPrinter.Print(ours);
        if (ours is not null && publishedText == loaded)
        {
            // The printer spells what Prometheus spells (the differential corpus proves it): equal text is
            // the common case after a publish, and needs no second parse.
            return new ExpressionComparison(true, publishedText, loaded, ByText: false);
        }

        var theirs = PromQlParser.Parse(loaded).Expr;
        var loadedText = theirs is null ? loaded : PromQlPrinter.Print(theirs);
        if (ours is not null && theirs is not null)
        {
            return new ExpressionComparison(Key(ours) == Key(theirs), publishedText, loadedText, ByText: false);
        }

        // Past the parser's limits (a rule saved before they existed, or Prometheus' print of it grown
        // over 64 KiB) the whitespace-free text is the comparison that costs bounded work.
        return new ExpressionComparison(WithoutWhitespace(publishedText) == WithoutWhitespace(loadedText), publishedText, loadedText, ByText: true);
    }

    /// <summary>A text that two trees share exactly when they mean the same; prefix notation keeps the structure parentheses gave.</summary>
    internal static string Key(Expr expr)
    {
        var text = new StringBuilder();
        var work = new Stack<object>();
        work.Push(Normalize(expr, 0));
        while (work.Count > 0)
        {
            var item = work.Pop();
            if (item is string literal)
            {
                text.Append(literal);
                continue;
            }

            switch ((Expr)item)
            {
                case NumberLiteral number:
                    text.Append("(num ").Append(number.Value.ToString("R", CultureInfo.InvariantCulture)).Append(')');
                    break;
                case StringLiteral str:
                    text.Append("(str ").Append(GoQuoted(str.Value)).Append(')');
                    break;
                case VectorSelector selector:
                    text.Append(SelectorKey(selector));
                    break;
                case MatrixSelector matrix:
                    text.Append("(range ").Append(matrix.Range.Ticks).Append(' ').Append(SelectorKey(matrix.Selector)).Append(')');
                    break;
                case SubqueryExpr subquery:
                    text.Append("(subquery ").Append(subquery.Range.Ticks).Append(' ').Append(subquery.Step?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "default")
                        .Append(' ').Append(ModifierKey(subquery.Offset, subquery.At)).Append(' ');
                    work.Push(")");
                    work.Push(subquery.Inner);
                    break;
                case UnaryExpr unary:
                    text.Append("(neg ");
                    work.Push(")");
                    work.Push(unary.Operand);
                    break;
                case Call call:
                    text.Append("(call ").Append(call.Function.Name);
                    work.Push(")");
                    PushAll(work, call.Args);
                    break;
                case AggregateExpr aggregate:
                    text.Append("(agg ").Append(TokenKinds.Symbol(aggregate.Op)).Append(' ')
                        .Append(aggregate.Without ? "without" : aggregate.Grouping.Count > 0 ? "by" : "all").Append(LabelSet(aggregate.Grouping));
                    work.Push(")");
                    PushAll(work, aggregate.Parameter is null ? [aggregate.Argument] : [aggregate.Parameter, aggregate.Argument]);
                    break;
                case BinaryExpr binary:
                    text.Append("(bin ").Append(TokenKinds.Symbol(binary.Op)).Append(binary.ReturnBool ? " bool" : "").Append(MatchingKey(binary.Matching));
                    work.Push(")");
                    PushAll(work, [binary.Lhs, binary.Rhs]);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(expr), item.GetType().Name, "unknown node");
            }
        }

        return text.ToString();
    }

    private static void PushAll(Stack<object> work, IReadOnlyList<Expr> items)
    {
        for (var i = items.Count - 1; i >= 0; i--)
        {
            work.Push(items[i]);
            work.Push(" ");
        }
    }

    /// <summary>
    /// The tree with everything that does not change meaning taken out: parentheses and unary plus
    /// dropped, number-only arithmetic folded. Recursive, so guarded: parsed trees are at most
    /// <see cref="PromQlLimits.DefaultMaxDepth"/> deep.
    /// </summary>
    private static Expr Normalize(Expr expr, int depth)
    {
        DepthGuard.Check(depth);
        var next = depth + 1;
        switch (expr)
        {
            case ParenExpr paren:
                return Normalize(paren.Inner, next);
            case UnaryExpr unary:
                var operand = Normalize(unary.Operand, next);
                return (unary.Op, operand) switch
                {
                    (TokenKind.Add, _) => operand,
                    (_, NumberLiteral number) => number with { Value = -number.Value },
                    _ => unary with { Operand = operand },
                };
            case BinaryExpr binary:
                var (lhs, rhs) = (Normalize(binary.Lhs, next), Normalize(binary.Rhs, next));
                if (lhs is NumberLiteral left && rhs is NumberLiteral right && Fold(binary.Op, left.Value, right.Value) is { } folded)
                {
                    return new NumberLiteral(folded, binary.Span);
                }

                return binary with { Lhs = lhs, Rhs = rhs };
            case MatrixSelector matrix:
                return matrix;
            case SubqueryExpr subquery:
                return subquery with { Inner = Normalize(subquery.Inner, next) };
            case Call call:
                return call with { Args = [.. call.Args.Select(a => Normalize(a, next))] };
            case AggregateExpr aggregate:
                return aggregate with
                {
                    Argument = Normalize(aggregate.Argument, next),
                    Parameter = aggregate.Parameter is null ? null : Normalize(aggregate.Parameter, next),
                };
            default:
                return expr;
        }
    }

    /// <summary>
    /// What Prometheus computes for an operator between two numbers (Go's math: % is fmod, ^ is Pow);
    /// comparisons between scalars always carry `bool` (the parser refuses them otherwise) and give 0 or 1.
    /// </summary>
    private static double? Fold(TokenKind op, double left, double right) => op switch
    {
        TokenKind.Add => left + right,
        TokenKind.Sub => left - right,
        TokenKind.Mul => left * right,
        TokenKind.Div => left / right,
        TokenKind.Mod => left % right,
        TokenKind.Pow => Math.Pow(left, right),
        TokenKind.Atan2 => Math.Atan2(left, right),
        TokenKind.Eql => left == right ? 1 : 0,
        TokenKind.Neq => left != right ? 1 : 0,
        TokenKind.Gtr => left > right ? 1 : 0,
        TokenKind.Lss => left < right ? 1 : 0,
        TokenKind.Gte => left >= right ? 1 : 0,
        TokenKind.Lte => left <= right ? 1 : 0,
        _ => null,
    };

    /// <summary>The matchers as a sorted set, the metric name counted as the `__name__="..."` matcher it stands for.</summary>
    private static string SelectorKey(VectorSelector selector)
    {
        var matchers = selector.Matchers.Select(m => m.Name + PromQlPrinter.MatchSymbol(m.Op) + GoQuoted(m.Value));
        if (selector.Name is { } name)
        {
            matchers = matchers.Append("__name__=" + GoQuoted(name));
        }

        return "(select {" + string.Join(",", matchers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + "} "
               + ModifierKey(selector.Offset, selector.At) + ")";
    }

    private static string ModifierKey(TimeSpan offset, AtModifier? at) =>
        "offset " + offset.Ticks.ToString(CultureInfo.InvariantCulture) + " @" + at switch
        {
            null => "none",
            { Preprocessor: TokenKind.Start } => "start",
            { Preprocessor: TokenKind.End } => "end",
            _ => at.Timestamp!.Value.ToString("R", CultureInfo.InvariantCulture),
        };

    /// <summary>
    /// `ignoring ()` matches like no modifier at all; Prometheus prints both (even with a group_x) as
    /// nothing, so what it reports cannot tell them apart and neither may this.
    /// </summary>
    private static string MatchingKey(VectorMatching? matching)
    {
        if (matching is null || (!matching.On && matching.MatchingLabels.Count == 0))
        {
            return "";
        }

        var key = (matching.On ? " on" : " ignoring") + LabelSet(matching.MatchingLabels);
        return matching.Card switch
        {
            VectorMatchCardinality.ManyToOne => key + " group_left" + LabelSet(matching.Include),
            VectorMatchCardinality.OneToMany => key + " group_right" + LabelSet(matching.Include),
            _ => key,
        };
    }

    private static string LabelSet(IEnumerable<string> labels) =>
        "(" + string.Join(",", labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + ")";

    private static string GoQuoted(string value) => Templates.GoText.Quote(value);

    private static string WithoutWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
