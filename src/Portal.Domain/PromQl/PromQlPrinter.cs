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
        Write(text, expr);
        return text.ToString();
    }

    /// <summary>One line when it fits in 80 characters; otherwise operands, arguments and bodies indented.</summary>
    public static string PrintReadable(Expr expr, int indent = 0)
    {
        var flat = Print(expr);
        var pad = new string(' ', indent * 2);
        if (flat.Length + pad.Length <= LineBudget)
        {
            return pad + flat;
        }

        switch (expr)
        {
            case BinaryExpr binary:
                return PrintReadable(binary.Lhs, indent) + "\n" + pad + Operator(binary) + "\n" + PrintReadable(binary.Rhs, indent);
            case ParenExpr paren:
                return pad + "(\n" + PrintReadable(paren.Inner, indent + 1) + "\n" + pad + ")";
            case AggregateExpr aggregate:
                var head = AggregateHead(aggregate);
                var args = aggregate.Parameter is null ? [aggregate.Argument] : new[] { aggregate.Parameter, aggregate.Argument };
                return pad + head + "(\n" + string.Join(",\n", args.Select(a => PrintReadable(a, indent + 1))) + "\n" + pad + ")";
            case Call call when call.Args.Count > 0:
                return pad + call.Function.Name + "(\n" + string.Join(",\n", call.Args.Select(a => PrintReadable(a, indent + 1))) + "\n" + pad + ")";
            default:
                return pad + flat;
        }
    }

    private static void Write(StringBuilder text, Expr expr)
    {
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
                Write(text, paren.Inner);
                text.Append(')');
                break;
            case UnaryExpr unary:
                text.Append(unary.Op == TokenKind.Sub ? '-' : '+');
                Write(text, unary.Operand);
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
                Write(text, subquery.Inner);
                text.Append('[').Append(Durations.Format(subquery.Range)).Append(':');
                if (subquery.Step is { } step)
                {
                    text.Append(Durations.Format(step));
                }

                text.Append(']');
                WriteModifiers(text, subquery.Offset, subquery.At);
                break;
            case Call call:
                text.Append(call.Function.Name).Append('(');
                WriteList(text, call.Args);
                text.Append(')');
                break;
            case AggregateExpr aggregate:
                text.Append(AggregateHead(aggregate)).Append('(');
                WriteList(text, aggregate.Parameter is null ? [aggregate.Argument] : [aggregate.Parameter, aggregate.Argument]);
                text.Append(')');
                break;
            case BinaryExpr binary:
                Write(text, binary.Lhs);
                text.Append(' ').Append(Operator(binary)).Append(' ');
                Write(text, binary.Rhs);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(expr), expr.GetType().Name, "unknown node");
        }
    }

    private static void WriteList(StringBuilder text, IReadOnlyList<Expr> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            Write(text, items[i]);
        }
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
