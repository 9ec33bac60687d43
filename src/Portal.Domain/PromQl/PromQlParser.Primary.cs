using System.Text.RegularExpressions;

namespace Portal.Domain.PromQl;

internal sealed partial class Parser
{
    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(ParseNumber(token), new TextSpan(token.Start, token.End));
            case TokenKind.String:
                Advance();
                return new StringLiteral(StringLiterals.Unquote(token.Text, scratch.Words), new TextSpan(token.Start, token.End));
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseBinary(0);
                var close = Expect(TokenKind.RightParen, "parenthesized expression");
                return new ParenExpr(inner, new TextSpan(token.Start, close.End));
            case TokenKind.LeftBrace:
                return ParseSelector(null, token.Start);
            case TokenKind.Identifier when Peek().Kind == TokenKind.LeftParen:
                return ParseCall();
            case TokenKind.Identifier or TokenKind.MetricIdentifier:
                Advance();
                return ParseSelector(token, token.Start);
            case var kind when TokenKinds.IsAggregator(kind) && Peek().Kind is TokenKind.LeftParen or TokenKind.By or TokenKind.Without:
                return ParseAggregate();
            case var kind when TokenKinds.CanNameMetric(kind):
                Advance();
                return ParseSelector(token, token.Start);
            default:
                throw Unexpected(token);
        }
    }

    private Expr ParseSelector(Token? name, int start)
    {
        var collected = scratch.Matchers;
        var first = collected.Count;
        var end = name?.End ?? start;
        if (Current.Kind == TokenKind.LeftBrace)
        {
            Advance();
            while (Current.Kind != TokenKind.RightBrace)
            {
                collected.Add(ParseMatcher());
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                }
                else if (Current.Kind != TokenKind.RightBrace)
                {
                    throw Unexpected(Current, "label matching");
                }
            }

            end = Advance().End;
        }

        var matchers = TakeFrom(collected, first);
        var span = new TextSpan(start, end);
        if (name is { } metric)
        {
            var duplicate = matchers.FirstOrDefault(m => m.Name == "__name__");
            if (duplicate is not null)
            {
                throw Error($"metric name must not be set twice: \"{metric.Text}\" or \"{duplicate.Value}\"", span);
            }
        }
        else if (matchers.All(MatchesEmpty))
        {
            throw Error("vector selector must contain at least one non-empty matcher", span);
        }

        return new VectorSelector(name?.Text, matchers, TimeSpan.Zero, null, span);
    }

    private LabelMatcher ParseMatcher()
    {
        var label = Current;
        if (label.Kind != TokenKind.Identifier)
        {
            throw Unexpected(label, "label matching");
        }

        Advance();
        var op = Current.Kind switch
        {
            TokenKind.Assign => MatchOp.Equal,
            TokenKind.Neq => MatchOp.NotEqual,
            TokenKind.EqlRegex => MatchOp.Regex,
            TokenKind.NeqRegex => MatchOp.NotRegex,
            _ => throw Unexpected(Current, "label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\""),
        };
        Advance();
        var value = Current;
        if (value.Kind != TokenKind.String)
        {
            throw Unexpected(value, "label matching, expected string");
        }

        Advance();
        var matcher = new LabelMatcher(label.Text, op, StringLiterals.Unquote(value.Text, scratch.Words), new TextSpan(label.Start, value.End));
        if (op is MatchOp.Regex or MatchOp.NotRegex)
        {
            var problem = Re2.Check(matcher.Value);
            if (problem is not null)
            {
                throw Error($"error parsing regexp: {problem}", matcher.Span);
            }
        }

        return matcher;
    }

    internal static bool MatchesEmpty(LabelMatcher matcher) => matcher.Op switch
    {
        MatchOp.Equal => matcher.Value.Length == 0,
        MatchOp.NotEqual => matcher.Value.Length != 0,
        MatchOp.Regex => Re2.MatchesEmpty(matcher.Value),
        _ => !Re2.MatchesEmpty(matcher.Value),
    };

    private IReadOnlyList<string> ParseGroupingLabels()
    {
        Expect(TokenKind.LeftParen, "grouping opts");
        var labels = scratch.Labels;
        var first = labels.Count;
        while (Current.Kind != TokenKind.RightParen)
        {
            var label = Current;
            if (label.Kind != TokenKind.Identifier && !TokenKinds.IsKeyword(label.Kind))
            {
                throw Unexpected(label, "grouping opts, expected label");
            }

            labels.Add(Advance().Text);
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected(Current, "grouping opts, expected \")\" or \",\"");
            }
        }

        Advance();
        return TakeFrom(labels, first);
    }

    private (Expr[] Args, Token Close) ParseArguments(string context)
    {
        Expect(TokenKind.LeftParen, context);
        var args = scratch.Args;
        var first = args.Count;
        while (Current.Kind != TokenKind.RightParen)
        {
            args.Add(ParseBinary(0));
            if (Current.Kind == TokenKind.Comma)
            {
                var comma = Advance();
                if (Current.Kind == TokenKind.RightParen)
                {
                    throw new PromQlSyntaxException($"trailing commas not allowed in {context} args", comma.Start, comma.End);
                }
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected(Current, context + ", expected \",\" or \")\"");
            }
        }

        return (TakeFrom(args, first), Advance());
    }

    private Expr ParseCall()
    {
        var name = Advance();
        if (!PromQlFunctions.All.TryGetValue(name.Text, out var function))
        {
            throw Error($"unknown function with name \"{name.Text}\"", new TextSpan(name.Start, name.End));
        }

        var (args, close) = ParseArguments("function call");
        var span = new TextSpan(name.Start, close.End);
        var fixedCount = function.ArgTypes.Count;
        if (function.Variadic == 0 && args.Length != fixedCount)
        {
            throw Error($"expected {fixedCount} argument(s) in call to \"{function.Name}\", got {args.Length}", span);
        }

        if (function.Variadic != 0)
        {
            var required = fixedCount - 1;
            if (args.Length < required)
            {
                throw Error($"expected at least {required} argument(s) in call to \"{function.Name}\", got {args.Length}", span);
            }

            if (function.Variadic > 0 && args.Length > required + function.Variadic)
            {
                throw Error($"expected at most {required + function.Variadic} argument(s) in call to \"{function.Name}\", got {args.Length}", span);
            }
        }

        for (var i = 0; i < args.Length; i++)
        {
            var expected = function.ArgTypes[Math.Min(i, fixedCount - 1)];
            // The context is only words for the message: built when the type is wrong, not for every argument.
            if (args[i].Type != expected)
            {
                ExpectType(args[i], expected, $"call to function \"{function.Name}\"");
            }
        }

        return new Call(function, args, span);
    }

    private Expr ParseAggregate()
    {
        var op = Advance();
        IReadOnlyList<string> grouping = [];
        var without = false;
        var hasGrouping = false;
        if (Current.Kind is TokenKind.By or TokenKind.Without)
        {
            without = Advance().Kind == TokenKind.Without;
            grouping = ParseGroupingLabels();
            hasGrouping = true;
        }

        var (args, close) = ParseArguments("aggregation");
        var end = close.End;
        if (Current.Kind is TokenKind.By or TokenKind.Without)
        {
            if (hasGrouping)
            {
                throw Unexpected(Current, "aggregation");
            }

            without = Advance().Kind == TokenKind.Without;
            grouping = ParseGroupingLabels();
            hasGrouping = true;
            end = tokens[_index - 1].End;
        }

        var span = new TextSpan(op.Start, end);
        var takesParameter = op.Kind is TokenKind.Topk or TokenKind.Bottomk or TokenKind.Quantile or TokenKind.CountValues;
        var expected = takesParameter ? 2 : 1;
        if (args.Length == 0)
        {
            throw Error("no arguments for aggregate expression provided", span);
        }

        if (args.Length != expected)
        {
            throw Error($"wrong number of arguments for aggregate expression provided, expected {expected}, got {args.Length}", span);
        }

        var argument = args[^1];
        var parameter = takesParameter ? args[0] : null;
        ExpectType(argument, PromQlType.Vector, "aggregation expression");
        if (parameter is not null)
        {
            ExpectType(parameter, op.Kind == TokenKind.CountValues ? PromQlType.String : PromQlType.Scalar, "aggregation parameter");
        }

        return new AggregateExpr(op.Kind, argument, parameter, grouping, without, hasGrouping, span);
    }

    private static void ExpectType(Expr expr, PromQlType expected, string context)
    {
        if (expr.Type != expected)
        {
            throw Error($"expected type {Describe(expected)} in {context}, got {Describe(expr.Type)}", expr.Span);
        }
    }
}
