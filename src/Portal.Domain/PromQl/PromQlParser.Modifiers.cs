using System.Globalization;

namespace Portal.Domain.PromQl;

internal sealed partial class Parser
{
    private Expr ParseRangeOrSubquery(Expr expr)
    {
        Advance();
        var range = ParseDurationToken("range");
        if (Current.Kind == TokenKind.Colon)
        {
            Advance();
            TimeSpan? step = Current.Kind == TokenKind.Duration ? ParseDurationToken("subquery step") : null;
            var close = Expect(TokenKind.RightBracket, "subquery selector");
            var span = new TextSpan(expr.Span.Start, close.End);
            if (expr.Type != PromQlType.Vector)
            {
                throw Error($"subquery is only allowed on instant vector, got {Describe(expr.Type)} in \"{text[span.Start..span.End]}\" instead", span);
            }

            return new SubqueryExpr(expr, range, step, TimeSpan.Zero, null, span);
        }

        var end = Expect(TokenKind.RightBracket, "range selector, expected \":\" or \"]\"");
        var rangeSpan = new TextSpan(expr.Span.Start, end.End);
        if (expr is not VectorSelector selector)
        {
            throw Error("ranges only allowed for vector selectors", rangeSpan);
        }

        if (selector.Offset != TimeSpan.Zero)
        {
            throw Error("no offset modifiers allowed before range", rangeSpan);
        }

        if (selector.At is not null)
        {
            throw Error("no @ modifiers allowed before range", rangeSpan);
        }

        return new MatrixSelector(selector, range, rangeSpan);
    }

    private TimeSpan ParseDurationToken(string context)
    {
        var token = Current;
        if (token.Kind != TokenKind.Duration)
        {
            throw Unexpected(token, context + ", expected duration");
        }

        Advance();
        if (!Durations.TryParse(token.Text, out var duration))
        {
            throw new PromQlSyntaxException($"not a valid duration string: \"{token.Text}\"", token.Start, token.End);
        }

        if (duration <= TimeSpan.Zero)
        {
            throw new PromQlSyntaxException("duration must be greater than 0", token.Start, token.End);
        }

        return duration;
    }

    private Expr ParseOffset(Expr expr)
    {
        var keyword = Advance();
        var negative = false;
        if (Current.Kind == TokenKind.Sub)
        {
            Advance();
            negative = true;
        }

        var offset = ParseDurationToken("offset");
        if (negative)
        {
            offset = -offset;
        }

        var span = new TextSpan(expr.Span.Start, tokens[_index - 1].End);
        switch (expr)
        {
            case VectorSelector vs:
                RefuseSecond(vs.Offset != TimeSpan.Zero, "offset may not be set multiple times", keyword);
                return vs with { Offset = offset, Span = span };
            case MatrixSelector ms:
                RefuseSecond(ms.Selector.Offset != TimeSpan.Zero, "offset may not be set multiple times", keyword);
                return ms with { Selector = ms.Selector with { Offset = offset }, Span = span };
            case SubqueryExpr sq:
                RefuseSecond(sq.Offset != TimeSpan.Zero, "offset may not be set multiple times", keyword);
                return sq with { Offset = offset, Span = span };
            default:
                throw Error("offset modifier must be preceded by an instant vector selector or range vector selector or a subquery", span);
        }
    }

    private Expr ParseAt(Expr expr)
    {
        var at = Advance();
        AtModifier modifier;
        if (Current.Kind is TokenKind.Start or TokenKind.End)
        {
            var which = Advance().Kind;
            Expect(TokenKind.LeftParen, "@ modifier");
            Expect(TokenKind.RightParen, "@ modifier");
            modifier = new AtModifier(null, which);
        }
        else
        {
            var sign = 1.0;
            if (Current.Kind is TokenKind.Add or TokenKind.Sub)
            {
                sign = Advance().Kind == TokenKind.Sub ? -1 : 1;
            }

            var number = Current;
            if (number.Kind != TokenKind.Number)
            {
                throw Unexpected(number, "@ modifier, expected number or \"start()\" or \"end()\"");
            }

            Advance();
            var timestamp = sign * ParseNumber(number);
            // Prometheus keeps @ as int64 milliseconds; anything beyond that cannot be a time.
            if (double.IsNaN(timestamp) || double.IsInfinity(timestamp) || Math.Abs(timestamp * 1000) >= 9.2233720368547758e18)
            {
                throw Error("timestamp out of bounds for @ modifier: " + timestamp.ToString(CultureInfo.InvariantCulture),
                    new TextSpan(at.Start, number.End));
            }

            // Go rounds halves away from zero, .NET to even by default.
            modifier = new AtModifier(Math.Round(timestamp * 1000, MidpointRounding.AwayFromZero) / 1000, null);
        }

        var span = new TextSpan(expr.Span.Start, tokens[_index - 1].End);
        switch (expr)
        {
            case VectorSelector vs:
                RefuseSecond(vs.At is not null, "@ <timestamp> may not be set multiple times", at);
                return vs with { At = modifier, Span = span };
            case MatrixSelector ms:
                RefuseSecond(ms.Selector.At is not null, "@ <timestamp> may not be set multiple times", at);
                return ms with { Selector = ms.Selector with { At = modifier }, Span = span };
            case SubqueryExpr sq:
                RefuseSecond(sq.At is not null, "@ <timestamp> may not be set multiple times", at);
                return sq with { At = modifier, Span = span };
            default:
                throw Error("@ modifier must be preceded by an instant vector selector or range vector selector or a subquery", span);
        }
    }

    private static void RefuseSecond(bool alreadySet, string message, Token token)
    {
        if (alreadySet)
        {
            throw new PromQlSyntaxException(message, token.Start, token.End);
        }
    }
}
