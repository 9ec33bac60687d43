using System.Globalization;

namespace Portal.Domain.PromQl;

/// <summary>
/// A hand-written parser for the PromQL of Prometheus 2.42. It agrees with Prometheus on what is
/// valid (checked by the differential tests) and keeps every node's position for the editor.
/// </summary>
public static class PromQlParser
{
    /// <summary>Parses one expression within <see cref="PromQlLimits.Default"/>; anything larger is a parse error.</summary>
    public static ParseResult Parse(string text) => Parse(text, PromQlLimits.Default);

    // Other limits are for tests and benchmarks that need trees beyond what users may send.
    internal static ParseResult Parse(string text, PromQlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            if (text.Length > limits.MaxTextLength)
            {
                // Refused before the lexer reads any of it: megabytes of text cost no tokens.
                throw new PromQlSyntaxException(
                    string.Create(CultureInfo.InvariantCulture, $"expression is {text.Length:N0} characters long, more than the limit of {limits.MaxTextLength:N0}"),
                    limits.MaxTextLength, text.Length) { ExceedsLimit = true };
            }

            var scratch = ParserScratch.Rent();
            try
            {
                var parser = new Parser(text, Lexer.Tokenize(text, scratch.Tokens, scratch.Words), limits, scratch);
                return new ParseResult(parser.ParseRoot(), null);
            }
            finally
            {
                ParserScratch.Return(scratch);
            }
        }
        catch (PromQlSyntaxException e)
        {
            var end = Math.Max(e.End, e.Offset);
            return new ParseResult(null, new ParseError(e.Message, Position.At(text, e.Offset), new TextSpan(e.Offset, end)) { ExceedsLimit = e.ExceedsLimit });
        }
    }

    /// <summary>The type's name as Prometheus writes it in messages: "instant vector", "range vector", ...</summary>
    public static string Describe(PromQlType type) => Parser.Describe(type);

    /// <summary>A Prometheus duration such as `1h30m`; null when the text is not one.</summary>
    public static TimeSpan? ParseDuration(string text) => Durations.TryParse(text, out var value) ? value : null;
}

internal sealed partial class Parser(string text, List<Token> tokens, PromQlLimits limits, ParserScratch scratch)
{
    // Deeper nesting than any real rule has; refusing it keeps the recursion off the stack's edge.
    private const int MaxDepth = 256;

    // Heights of the subtrees built so far, by reference (see ParserScratch).
    private readonly Dictionary<Expr, int> _heights = scratch.Heights;

    // The matching of a plain `a / b`: immutable, so every such operator can share it.
    private static readonly VectorMatching NoMatching = new(VectorMatchCardinality.OneToOne, [], false, [], false);
    private int _index;
    private int _depth;
    private int _nodes;

    private Token Current => tokens[_index];

    private Token Peek(int ahead = 1) => tokens[Math.Min(_index + ahead, tokens.Count - 1)];

    private Token Advance() => tokens[_index++];

    public Expr ParseRoot()
    {
        if (Current.Kind == TokenKind.Eof)
        {
            throw new PromQlSyntaxException("no expression found in input", 0);
        }

        var expr = ParseBinary(0);
        if (Current.Kind != TokenKind.Eof)
        {
            throw Unexpected(Current);
        }

        return expr;
    }

    private Expr ParseBinary(int minPrecedence)
    {
        if (++_depth > MaxDepth)
        {
            throw new PromQlSyntaxException($"expression nested more than {MaxDepth} levels deep, the limit", Current.Start) { ExceedsLimit = true };
        }

        try
        {
            return ParseBinaryAtDepth(minPrecedence);
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParseBinaryAtDepth(int minPrecedence)
    {
        var lhs = ParseUnary();
        while (TokenKinds.IsBinaryOperator(Current.Kind) && TokenKinds.Precedence(Current.Kind) >= minPrecedence)
        {
            var opToken = Advance();
            var op = opToken.Kind;
            var returnBool = false;
            if (Current.Kind == TokenKind.Bool)
            {
                Advance();
                returnBool = true;
            }

            var matching = ParseVectorMatching();
            var precedence = TokenKinds.Precedence(op);
            var rhs = ParseBinary(op == TokenKind.Pow ? precedence : precedence + 1);
            // The loop builds a left-deep tree without recursing, so only Track sees how deep it got.
            lhs = Track(MakeBinary(op, opToken, lhs, rhs, matching, returnBool), opToken);
        }

        return lhs;
    }

    private VectorMatching ParseVectorMatching()
    {
        if (Current.Kind is not (TokenKind.On or TokenKind.Ignoring))
        {
            return NoMatching;
        }

        var on = Advance().Kind == TokenKind.On;
        var labels = ParseGroupingLabels();
        var card = VectorMatchCardinality.OneToOne;
        IReadOnlyList<string> include = [];
        if (Current.Kind is TokenKind.GroupLeft or TokenKind.GroupRight)
        {
            card = Advance().Kind == TokenKind.GroupLeft ? VectorMatchCardinality.ManyToOne : VectorMatchCardinality.OneToMany;
            if (Current.Kind == TokenKind.LeftParen)
            {
                include = ParseGroupingLabels();
            }
        }

        return new VectorMatching(card, labels, on, include, true);
    }

    private static Expr MakeBinary(TokenKind op, Token opToken, Expr lhs, Expr rhs, VectorMatching matching, bool returnBool)
    {
        var span = new TextSpan(lhs.Span.Start, rhs.Span.End);
        if (returnBool && !TokenKinds.IsComparison(op))
        {
            throw Error("bool modifier can only be used on comparison operators", span);
        }

        if (TokenKinds.IsComparison(op) && !returnBool && lhs.Type == PromQlType.Scalar && rhs.Type == PromQlType.Scalar)
        {
            throw Error("comparisons between scalars must use BOOL modifier", span);
        }

        if (TokenKinds.IsSetOperator(op) && matching.Card == VectorMatchCardinality.OneToOne)
        {
            matching = matching with { Card = VectorMatchCardinality.ManyToMany };
        }

        foreach (var label in matching.MatchingLabels)
        {
            if (matching.On && matching.Include.Contains(label))
            {
                throw Error($"label \"{label}\" must not occur in ON and GROUP clause at once", span);
            }
        }

        if (lhs.Type is not (PromQlType.Scalar or PromQlType.Vector) || rhs.Type is not (PromQlType.Scalar or PromQlType.Vector))
        {
            throw Error("binary expression must contain only scalar and instant vector types", span);
        }

        VectorMatching? kept = matching;
        if (lhs.Type != PromQlType.Vector || rhs.Type != PromQlType.Vector)
        {
            if (matching.MatchingLabels.Count > 0)
            {
                throw Error("vector matching only allowed between instant vectors", span);
            }

            kept = null;
        }

        if (TokenKinds.IsSetOperator(op))
        {
            if (lhs.Type == PromQlType.Scalar || rhs.Type == PromQlType.Scalar)
            {
                throw Error($"set operator \"{TokenKinds.Symbol(op)}\" not allowed in binary scalar expression", span);
            }

            if (matching.Card is VectorMatchCardinality.OneToMany or VectorMatchCardinality.ManyToOne)
            {
                throw Error($"no grouping allowed for \"{TokenKinds.Symbol(op)}\" operation", new TextSpan(opToken.Start, opToken.End));
            }
        }

        return new BinaryExpr(op, lhs, rhs, kept, returnBool, span);
    }

    private Expr ParseUnary()
    {
        if (Current.Kind is not (TokenKind.Add or TokenKind.Sub))
        {
            return ParsePostfix();
        }

        var opToken = Advance();
        var operand = ParseBinary(TokenKinds.Precedence(TokenKind.Pow));
        var span = new TextSpan(opToken.Start, operand.Span.End);
        if (operand is NumberLiteral number)
        {
            // Prometheus folds a sign into a number literal instead of keeping a unary node.
            return new NumberLiteral(opToken.Kind == TokenKind.Sub ? -number.Value : number.Value, span);
        }

        if (operand.Type is not (PromQlType.Scalar or PromQlType.Vector))
        {
            throw Error($"unary expression only allowed on expressions of type scalar or instant vector, got \"{Describe(operand.Type)}\"", span);
        }

        return Track(new UnaryExpr(opToken.Kind, operand, span), opToken);
    }

    private Expr ParsePostfix()
    {
        var first = Current;
        var expr = Track(ParsePrimary(), first);
        while (true)
        {
            var modifier = Current;
            switch (modifier.Kind)
            {
                case TokenKind.LeftBracket:
                    expr = Track(ParseRangeOrSubquery(expr), modifier);
                    break;
                case TokenKind.Offset:
                    expr = Track(ParseOffset(expr), modifier, isNew: false);
                    break;
                case TokenKind.At:
                    expr = Track(ParseAt(expr), modifier, isNew: false);
                    break;
                default:
                    return expr;
            }
        }
    }

    /// <summary>
    /// Counts a node just built and records its height, refusing it once the expression has too many
    /// nodes or too deep a tree. Children are always tracked before their parent, so this is O(1) a node.
    /// </summary>
    private Expr Track(Expr node, Token at, bool isNew = true)
    {
        if (isNew && ++_nodes > limits.MaxNodes)
        {
            throw new PromQlSyntaxException(
                string.Create(CultureInfo.InvariantCulture, $"expression has more than {limits.MaxNodes:N0} nodes (numbers, selectors, calls and operators), the limit; split it into recording rules"),
                at.Start, at.End) { ExceedsLimit = true };
        }

        // A tree is never deeper than it has nodes: until there are more nodes than the depth limit, no height can pass
        // it, and nodes are only listed (hashing every node of every typical rule was a fifth of the time of a parse).
        // Past that, the listed ones get their heights first, in the order they were built: children before parents.
        if (_nodes <= limits.MaxDepth)
        {
            scratch.Built.Add(node);
            return node;
        }

        if (scratch.Built.Count > 0)
        {
            foreach (var early in scratch.Built)
            {
                _heights[early] = HeightOf(early);
            }

            scratch.Built.Clear();
        }

        var height = HeightOf(node);
        if (height > limits.MaxDepth)
        {
            throw new PromQlSyntaxException(
                string.Create(CultureInfo.InvariantCulture, $"expression is more than {limits.MaxDepth:N0} levels deep (each operator of a chain like a + b + c is a level), the limit; split it into recording rules"),
                at.Start, at.End) { ExceedsLimit = true };
        }

        _heights[node] = height;
        return node;
    }

    /// <summary>A node's height from its children's, all of which have theirs by now.</summary>
    private int HeightOf(Expr node) => node switch
    {
        // The children PromQlAst.Children names, read without the array it would allocate per node.
        ParenExpr p => HeightAbove(p.Inner),
        UnaryExpr u => HeightAbove(u.Operand),
        MatrixSelector m => HeightAbove(m.Selector),
        SubqueryExpr s => HeightAbove(s.Inner),
        Call c => HeightAbove(c.Args),
        AggregateExpr a => a.Parameter is null ? HeightAbove(a.Argument) : Math.Max(HeightAbove(a.Parameter), HeightAbove(a.Argument)),
        BinaryExpr b => Math.Max(HeightAbove(b.Lhs), HeightAbove(b.Rhs)),
        _ => 1,
    };

    private int HeightAbove(Expr child) => (_heights.TryGetValue(child, out var h) ? h : 1) + 1;

    private int HeightAbove(IReadOnlyList<Expr> children)
    {
        var height = 1;
        for (var i = 0; i < children.Count; i++)
        {
            height = Math.Max(height, HeightAbove(children[i]));
        }

        return height;
    }

    /// <summary>The items collected on <paramref name="stack"/> since it held <paramref name="from"/>, moved into an array of their number.</summary>
    private static T[] TakeFrom<T>(List<T> stack, int from)
    {
        var count = stack.Count - from;
        if (count == 0)
        {
            return [];
        }

        var items = new T[count];
        stack.CopyTo(from, items, 0, count);
        stack.RemoveRange(from, count);
        return items;
    }

    internal static string Describe(PromQlType type) => type switch
    {
        PromQlType.Scalar => "scalar",
        PromQlType.Vector => "instant vector",
        PromQlType.Matrix => "range vector",
        _ => "string",
    };

    private static PromQlSyntaxException Error(string message, TextSpan span) => new(message, span.Start, span.End);

    private static PromQlSyntaxException Unexpected(Token token, string? context = null)
    {
        var what = token.Kind switch
        {
            TokenKind.Eof => "end of input",
            TokenKind.Number => $"number \"{token.Text}\"",
            TokenKind.Duration => $"duration \"{token.Text}\"",
            TokenKind.String => $"string {token.Text}",
            TokenKind.Identifier or TokenKind.MetricIdentifier => $"identifier \"{token.Text}\"",
            _ => $"\"{token.Text}\"",
        };
        return new PromQlSyntaxException(
            context is null ? $"unexpected {what}" : $"unexpected {what} in {context}", token.Start, token.End);
    }

    private Token Expect(TokenKind kind, string context)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(Current, context);
        }

        return Advance();
    }

    private static double ParseNumber(Token token)
    {
        var text = token.Text;
        var lower = text.ToLowerInvariant();
        if (lower == "inf")
        {
            return double.PositiveInfinity;
        }

        if (lower == "nan")
        {
            return double.NaN;
        }

        // Like Go's ParseInt with base 0: 0x.. is hexadecimal and a leading zero means octal.
        if (lower.StartsWith("0x", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0)
        {
            return hex;
        }

        if (text.Length > 1 && text[0] == '0' && !text.AsSpan().ContainsAnyExceptInRange('0', '7'))
        {
            try
            {
                return Convert.ToInt64(text, 8);
            }
            catch (OverflowException)
            {
            }
        }

        if (!lower.StartsWith("0x", StringComparison.Ordinal)
            && double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new PromQlSyntaxException($"error parsing number: {text}", token.Start, token.End);
    }
}
