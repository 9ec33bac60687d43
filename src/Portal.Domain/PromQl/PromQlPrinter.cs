using System.Text;
using Portal.Domain.Templates;

namespace Portal.Domain.PromQl;

/// <summary>
/// Prints an expression back as PromQL: the one-line text Prometheus 2.42 itself prints for the same
/// tree (what it reports as a rule's query), or an indented multi-line form for long expressions.
/// </summary>
public static class PromQlPrinter
{
    private const int LineBudget = 80;

    /// <summary>Exactly Prometheus' own String() of the expression, so the two can be compared as text.</summary>
    public static string Print(Expr expr)
    {
        var text = new StringBuilder();
        Write(text, expr, null, faithful: false);
        return text.ToString();
    }

    /// <summary>One line when it fits in 80 characters; otherwise operands, arguments and bodies indented.</summary>
    public static string PrintReadable(Expr expr, int indent = 0)
    {
        // One flat print, remembering where each node's text lies, keeps this linear: every level
        // asks "does my flat form fit?" by length instead of printing its subtree again.
        var flat = new StringBuilder();
        var spans = new Dictionary<Expr, TextSpan>(ReferenceEqualityComparer.Instance);
        Write(flat, expr, spans, faithful: true);
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
                text.Append('\n').Append(pad).Append(Operator(binary, faithful: true)).Append('\n');
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
    private static void Write(StringBuilder text, Expr root, Dictionary<Expr, TextSpan>? spans, bool faithful)
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
                    text.Append(GoText.Quote(str.Value));
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
                    work.Push(" " + Operator(binary, faithful) + " ");
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
        // Prometheus leaves out the __name__ matcher its parser adds for `name{...}` and sorts the
        // rest by their printed text, byte by byte.
        var matchers = selector.Matchers
            .Where(m => !(m.Name == "__name__" && m.Op == MatchOp.Equal && m.Value == selector.Name))
            .Select(m => m.Name + MatchSymbol(m.Op) + GoText.Quote(m.Value))
            .ToList();
        if (matchers.Count == 0 && selector.Name is not null)
        {
            return;
        }

        matchers.Sort(Utf8Order);
        text.Append('{').AppendJoin(',', matchers).Append('}');
    }

    /// <summary>Go compares strings by their UTF-8 bytes; UTF-16 order differs only past the BMP, which this covers.</summary>
    private static int Utf8Order(string a, string b)
    {
        var (x, y) = (a.EnumerateRunes().GetEnumerator(), b.EnumerateRunes().GetEnumerator());
        while (true)
        {
            var (more, moreY) = (x.MoveNext(), y.MoveNext());
            if (!more || !moreY)
            {
                return more.CompareTo(moreY);
            }

            // Code point order is UTF-8 byte order.
            if (x.Current.Value != y.Current.Value)
            {
                return x.Current.Value.CompareTo(y.Current.Value);
            }
        }
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
                // Prometheus keeps milliseconds and prints seconds with three decimals.
                _ => GoStrconv.Format(at.Timestamp!.Value, 'f', 3),
            });
        }

        if (offset != TimeSpan.Zero)
        {
            text.Append(" offset ").Append(Durations.Format(offset));
        }
    }

    // `by ()` groups like no clause at all, and Prometheus prints it so; `without ()` it keeps.
    private static string AggregateHead(AggregateExpr aggregate) => aggregate switch
    {
        { Without: true } => TokenKinds.Symbol(aggregate.Op) + " without (" + string.Join(", ", aggregate.Grouping) + ") ",
        { Grouping.Count: > 0 } => TokenKinds.Symbol(aggregate.Op) + " by (" + string.Join(", ", aggregate.Grouping) + ") ",
        _ => TokenKinds.Symbol(aggregate.Op),
    };

    private static string Operator(BinaryExpr binary, bool faithful)
    {
        var text = new StringBuilder(TokenKinds.Symbol(binary.Op));
        if (binary.ReturnBool)
        {
            text.Append(" bool");
        }

        // Prometheus prints `on (...)` always but `ignoring (...)` only with labels, and then its
        // group modifier with parentheses even when empty. `ignoring () group_left` it prints as
        // nothing at all, which changes the matching; the readable form keeps it.
        if (binary.Matching is { HasModifier: true } matching
            && (matching.On || matching.MatchingLabels.Count > 0 || (faithful && matching.Card is VectorMatchCardinality.ManyToOne or VectorMatchCardinality.OneToMany)))
        {
            text.Append(matching.On ? " on (" : " ignoring (").AppendJoin(", ", matching.MatchingLabels).Append(')');
            if (matching.Card is VectorMatchCardinality.ManyToOne or VectorMatchCardinality.OneToMany)
            {
                text.Append(matching.Card == VectorMatchCardinality.ManyToOne ? " group_left (" : " group_right (")
                    .AppendJoin(", ", matching.Include).Append(')');
            }
        }

        return text.ToString();
    }

    internal static string MatchSymbol(MatchOp op) => op switch
    {
        MatchOp.Equal => "=",
        MatchOp.NotEqual => "!=",
        MatchOp.Regex => "=~",
        _ => "!~",
    };

    /// <summary>A number as Prometheus prints it (Go's %v): shortest round-trip digits, `1e+06`, `1e-05`, `+Inf`, `NaN`.</summary>
    public static string FormatNumber(double value) => GoStrconv.Format(value, 'g', -1);
}
