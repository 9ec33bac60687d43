using System.Globalization;
using System.Text;

namespace Portal.Domain.PromQl;

/// <summary>
/// Prints an expression back as PromQL: canonical one-line text, or an indented multi-line form for
/// long expressions. Parsing either gives back an equivalent tree.
/// </summary>
public static class PromQlPrinter
{
    private const int LineBudget = 80;

    public static string Print(Expr expr)
    {
        var text = new StringBuilder();
        Write(text, expr, null);
        return text.ToString();
    }

    /// <summary>One line when it fits in 80 characters; otherwise operands, arguments and bodies indented.</summary>
    public static string PrintReadable(Expr expr, int indent = 0)
    {
        // One flat print, remembering where each node's text lies, keeps this linear: every level
        // asks "does my flat form fit?" by length instead of printing its subtree again.
        var flat = new StringBuilder();
        var spans = new Dictionary<Expr, TextSpan>(ReferenceEqualityComparer.Instance);
        Write(flat, expr, spans);
        var text = new StringBuilder();
        Readable(text, expr, indent, flat.ToString(), spans, 0);
        return text.ToString();
    }

    private static void Readable(StringBuilder text, Expr expr, int indent, string flat, Dictionary<Expr, TextSpan> spans, int depth)
    {
        DepthGuard.Check(depth);
        var pad = new string(' ', indent * 2);
        var span = spans[expr];
        if (span.Length + pad.Length <= LineBudget)
        {
            text.Append(pad).Append(flat, span.Start, span.Length);
            return;
        }

        switch (expr)
        {
            case BinaryExpr binary:
                Readable(text, binary.Lhs, indent, flat, spans, depth + 1);
                text.Append('\n').Append(pad).Append(Operator(binary)).Append('\n');
                Readable(text, binary.Rhs, indent, flat, spans, depth + 1);
                return;
            case ParenExpr paren:
                text.Append(pad).Append("(\n");
                Readable(text, paren.Inner, indent + 1, flat, spans, depth + 1);
                text.Append('\n').Append(pad).Append(')');
                return;
            case AggregateExpr aggregate:
                text.Append(pad).Append(AggregateHead(aggregate)).Append("(\n");
                ReadableList(text, aggregate.Parameter is null ? [aggregate.Argument] : [aggregate.Parameter, aggregate.Argument], indent, flat, spans, depth);
                text.Append('\n').Append(pad).Append(')');
                return;
            case Call call when call.Args.Count > 0:
                text.Append(pad).Append(call.Function.Name).Append("(\n");
                ReadableList(text, call.Args, indent, flat, spans, depth);
                text.Append('\n').Append(pad).Append(')');
                return;
            default:
                text.Append(pad).Append(flat, span.Start, span.Length);
                return;
        }
    }

    private static void ReadableList(StringBuilder text, IReadOnlyList<Expr> items, int indent, string flat, Dictionary<Expr, TextSpan> spans, int depth)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(",\n");
            }

            Readable(text, items[i], indent + 1, flat, spans, depth + 1);
        }
    }

    /// <summary>Marks where a node's text ends, so its span can be recorded once its children are printed.</summary>
    private sealed record NodeEnd(Expr Node, int Start);

    /// <summary>
    /// Prints without recursion: the work stack holds nodes still to print and text to append after
    /// them, so a chain of any length costs heap, not stack.
    /// </summary>
    private static void Write(StringBuilder text, Expr root, Dictionary<Expr, TextSpan>? spans)
    {
        var work = new Stack<object>();
        work.Push(root);
        while (work.Count > 0)
        {
            var item = work.Pop();
            if (item is string literal)
            {
                text.Append(literal);
                continue;
            }

            if (item is NodeEnd end)
            {
                spans![end.Node] = new TextSpan(end.Start, text.Length);
                continue;
            }

            var expr = (Expr)item;
            if (spans is not null)
            {
                work.Push(new NodeEnd(expr, text.Length));
            }

            switch (expr)
            {
                case NumberLiteral number:
                    text.Append(FormatNumber(number.Value));
                    break;
                case StringLiteral str:
                    text.Append(StringLiterals.Quote(str.Value));
                    break;
                case ParenExpr paren:
                    text.Append('(');
                    work.Push(")");
                    work.Push(paren.Inner);
                    break;
                case UnaryExpr unary:
                    text.Append(unary.Op == TokenKind.Sub ? '-' : '+');
                    work.Push(unary.Operand);
                    break;
                case VectorSelector selector:
                    WriteSelector(text, selector);
                    WriteModifiers(text, selector.Offset, selector.At);
                    break;
                case MatrixSelector matrix:
                    WriteSelector(text, matrix.Selector);
                    text.Append('[').Append(Durations.Format(matrix.Range)).Append(']');
                    WriteModifiers(text, matrix.Selector.Offset, matrix.Selector.At);
                    break;
                case SubqueryExpr subquery:
                    work.Push(SubquerySuffix(subquery));
                    work.Push(subquery.Inner);
                    break;
                case Call call:
                    text.Append(call.Function.Name).Append('(');
                    work.Push(")");
                    PushList(work, call.Args);
                    break;
                case AggregateExpr aggregate:
                    text.Append(AggregateHead(aggregate)).Append('(');
                    work.Push(")");
                    PushList(work, aggregate.Parameter is null ? [aggregate.Argument] : [aggregate.Parameter, aggregate.Argument]);
                    break;
                case BinaryExpr binary:
                    work.Push(binary.Rhs);
                    work.Push(" " + Operator(binary) + " ");
                    work.Push(binary.Lhs);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(root), expr.GetType().Name, "unknown node");
            }
        }
    }

    /// <summary>Pushes a comma-separated list so that it pops, and prints, first item first.</summary>
    private static void PushList(Stack<object> work, IReadOnlyList<Expr> items)
    {
        for (var i = items.Count - 1; i >= 0; i--)
        {
            work.Push(items[i]);
            if (i > 0)
            {
                work.Push(", ");
            }
        }
    }

    private static string SubquerySuffix(SubqueryExpr subquery)
    {
        var text = new StringBuilder();
        text.Append('[').Append(Durations.Format(subquery.Range)).Append(':');
        if (subquery.Step is { } step)
        {
            text.Append(Durations.Format(step));
        }

        text.Append(']');
        WriteModifiers(text, subquery.Offset, subquery.At);
        return text.ToString();
    }

    private static void WriteSelector(StringBuilder text, VectorSelector selector)
    {
        text.Append(selector.Name);
        if (selector.Matchers.Count == 0 && selector.Name is not null)
        {
            return;
        }

        text.Append('{');
        for (var i = 0; i < selector.Matchers.Count; i++)
        {
            var m = selector.Matchers[i];
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(m.Name).Append(MatchSymbol(m.Op)).Append(StringLiterals.Quote(m.Value));
        }

        text.Append('}');
    }

    private static void WriteModifiers(StringBuilder text, TimeSpan offset, AtModifier? at)
    {
        if (at is not null)
        {
            text.Append(" @ ");
            text.Append(at.Preprocessor switch
            {
                TokenKind.Start => "start()",
                TokenKind.End => "end()",
                _ => at.Timestamp!.Value.ToString("0.###", CultureInfo.InvariantCulture),
            });
        }

        if (offset != TimeSpan.Zero)
        {
            text.Append(" offset ").Append(Durations.Format(offset));
        }
    }

    private static string AggregateHead(AggregateExpr aggregate) =>
        TokenKinds.Symbol(aggregate.Op) + (aggregate.HasGrouping ? " " + Grouping(aggregate) + " " : "");

    private static string Grouping(AggregateExpr aggregate) =>
        (aggregate.Without ? "without" : "by") + " (" + string.Join(", ", aggregate.Grouping) + ")";

    private static string Operator(BinaryExpr binary)
    {
        var text = new StringBuilder(TokenKinds.Symbol(binary.Op));
        if (binary.ReturnBool)
        {
            text.Append(" bool");
        }

        if (binary.Matching is { HasModifier: true } matching)
        {
            text.Append(matching.On ? " on (" : " ignoring (").Append(string.Join(", ", matching.MatchingLabels)).Append(')');
            if (matching.Card is VectorMatchCardinality.ManyToOne or VectorMatchCardinality.OneToMany)
            {
                text.Append(matching.Card == VectorMatchCardinality.ManyToOne ? " group_left" : " group_right");
                if (matching.Include.Count > 0)
                {
                    text.Append(" (").Append(string.Join(", ", matching.Include)).Append(')');
                }
            }
        }

        return text.ToString();
    }

    private static string MatchSymbol(MatchOp op) => op switch
    {
        MatchOp.Equal => "=",
        MatchOp.NotEqual => "!=",
        MatchOp.Regex => "=~",
        _ => "!~",
    };

    /// <summary>Shortest text that parses back to the same double; Inf and NaN spelled as PromQL spells them.</summary>
    public static string FormatNumber(double value) => value switch
    {
        double.PositiveInfinity => "Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
