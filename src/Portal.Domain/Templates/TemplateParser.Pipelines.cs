namespace Portal.Domain.Templates;

// Pipelines, commands and operands inside one action.
internal sealed partial class TemplateParser
{
    private PipeNode Pipeline(string context, TokenType end = TokenType.RightDelim)
    {
        // Parentheses and control structures recurse; hostile nesting must not overflow the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var pipe = new PipeNode(PeekNonSpace().Pos);
        Declarations(pipe, context);
        while (true)
        {
            var token = NextNonSpace();
            if (token.Type == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }
            switch (token.Type)
            {
                case TokenType.Bool or TokenType.CharConstant or TokenType.Complex or TokenType.Dot or
                    TokenType.Field or TokenType.Identifier or TokenType.Number or TokenType.Nil or
                    TokenType.RawString or TokenType.String or TokenType.Variable or TokenType.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    throw Unexpected(token, context);
            }
        }
    }

    /// <summary>"$x :=", "$x =" and range's "$k, $v :="; anything else is pushed back.</summary>
    private void Declarations(PipeNode pipe, string context)
    {
        while (PeekNonSpace() is { Type: TokenType.Variable })
        {
            var mark = _index;
            var variable = NextNonSpace();
            var next = PeekNonSpace();
            if (next.Type is TokenType.Assign or TokenType.Declare)
            {
                pipe.IsAssign = next.Type == TokenType.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(variable.Pos, [variable.Val]));
                _vars.Add(variable.Val);
                return;
            }
            if (next is { Type: TokenType.Char, Val: "," })
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(variable.Pos, [variable.Val]));
                _vars.Add(variable.Val);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Type is TokenType.Variable or TokenType.RightDelim or TokenType.RightParen)
                    {
                        continue;
                    }
                    throw Error("range can only initialize variables");
                }
                throw Error($"too many declarations in {context}");
            }
            _index = mark;
            return;
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
        {
            throw Error($"missing value for {context}");
        }
        for (var i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            if (Operand() is { } operand)
            {
                cmd.Args.Add(operand);
            }
            var token = Next();
            if (token.Type == TokenType.Space)
            {
                continue;
            }
            if (token.Type is TokenType.RightDelim or TokenType.RightParen)
            {
                Backup();
            }
            else if (token.Type != TokenType.Pipe)
            {
                throw Unexpected(token, "operand");
            }
            break;
        }
        return cmd.Args.Count > 0 ? cmd : throw Error("empty command");
    }

    /// <summary>A term possibly followed by .Field accesses; null when the next token is no term.</summary>
    private Node? Operand()
    {
        var node = Term();
        if (node is null || Peek().Type != TokenType.Field)
        {
            return node;
        }
        var chain = new ChainNode(Peek().Pos, node);
        while (Peek().Type == TokenType.Field)
        {
            chain.Fields.Add(Next().Val[1..]);
        }
        // Like Go, a chain on a field or variable folds into it, positioned at the chain.
        return node switch
        {
            FieldNode f => new FieldNode(chain.Pos, [.. f.Ident, .. chain.Fields]),
            VariableNode v => new VariableNode(chain.Pos, [.. v.Ident, .. chain.Fields]),
            BoolNode or StringNode or NumberNode or NilNode or DotNode =>
                throw Error($"unexpected . after term {GoText.Quote(node.ToString())}"),
            _ => chain,
        };
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case TokenType.Error:
                throw Error(token.Val);
            case TokenType.Identifier:
                if (!_hasFunction(token.Val))
                {
                    throw Error($"function {GoText.Quote(token.Val)} not defined");
                }
                return new IdentifierNode(token.Pos, token.Val);
            case TokenType.Dot:
                return new DotNode(token.Pos);
            case TokenType.Nil:
                return new NilNode(token.Pos);
            case TokenType.Variable:
                var variable = new VariableNode(token.Pos, token.Val.Split('.'));
                return _vars.Contains(variable.Ident[0])
                    ? variable
                    : throw Error($"undefined variable {GoText.Quote(variable.Ident[0])}");
            case TokenType.Field:
                return new FieldNode(token.Pos, token.Val[1..].Split('.'));
            case TokenType.Bool:
                return new BoolNode(token.Pos, token.Val == "true");
            case TokenType.CharConstant or TokenType.Complex or TokenType.Number:
                return Number(token);
            case TokenType.LeftParen:
                Enter(token);
                var inner = Pipeline("parenthesized pipeline", TokenType.RightParen);
                _nesting--;
                return inner;
            case TokenType.String or TokenType.RawString:
                return GoText.TryUnquote(token.Val, out var text)
                    ? new StringNode(token.Pos, token.Val, text)
                    : throw Error("invalid syntax");
        }
        Backup();
        return null;
    }

    /// <summary>Go's newNumber: a literal may be int and float at once; use decides which.</summary>
    private NumberNode Number(Token token)
    {
        var text = token.Val;
        var n = new NumberNode(token.Pos, text);
        if (token.Type == TokenType.CharConstant)
        {
            var chars = new System.Text.StringBuilder();
            var consumed = 0;
            if (!GoText.TryUnquoteChar(text[1..], ref consumed, '\'', chars))
            {
                throw Error("invalid syntax");
            }
            if (text[(1 + consumed)..] != "'")
            {
                throw Error($"malformed character constant: {text}");
            }
            var ch = chars.ToString();
            var code = char.ConvertToUtf32(ch, 0);
            (n.IsInt, n.IsUint, n.IsFloat, n.Int, n.Float) = (true, true, true, code, code);
            return n;
        }
        if (token.Type == TokenType.Complex || text.EndsWith('i'))
        {
            // Go accepts complex constants; no alert template needs one, so they fail when run.
            n.IsComplex = true;
            return n;
        }
        if (TryParseInteger(text, out var integer, out var isUnsignedOnly))
        {
            n.IsUint = integer >= 0 || isUnsignedOnly;
            n.IsInt = !isUnsignedOnly;
            // Above int64 only the uint reading exists (found by the fuzz test: the cast threw).
            n.Int = isUnsignedOnly ? 0 : (long)integer;
            n.IsFloat = true;
            n.Float = (double)integer;
            return n;
        }
        if (GoStrconv.TryParse(text, out var f, out _))
        {
            if (!text.AsSpan().ContainsAny(".eEpP"))
            {
                throw Error($"integer overflow: {GoText.Quote(text)}");
            }
            n.IsFloat = true;
            n.Float = f;
            if (f == Math.Floor(f) && Math.Abs(f) < 9.2e18)
            {
                (n.IsInt, n.Int) = (true, (long)f);
                n.IsUint = f >= 0;
            }
            return n;
        }
        throw Error($"illegal number syntax: {GoText.Quote(text)}");
    }

    /// <summary>strconv.ParseInt/ParseUint with base 0: 0x, 0o, 0b, legacy 0755 octal, underscores.</summary>
    private static bool TryParseInteger(string text, out System.Numerics.BigInteger value, out bool isUnsignedOnly)
    {
        value = 0;
        isUnsignedOnly = false;
        var negative = text.StartsWith('-');
        var body = text.TrimStart('+', '-');
        if (text.Length - body.Length > 1 || body.Length == 0)
        {
            return false;
        }
        var (numberBase, digits) = body.Length > 1 && body[0] == '0' ? char.ToLowerInvariant(body[1]) switch
        {
            'x' => (16, body[2..]),
            'o' => (8, body[2..]),
            'b' => (2, body[2..]),
            _ => (8, body[1..]),
        } : (10, body);
        if (!UnderscoresOk(body))
        {
            return false;
        }
        digits = digits.Replace("_", "", StringComparison.Ordinal);
        if (digits.Length == 0)
        {
            return body == "0";
        }
        foreach (var c in digits)
        {
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= numberBase)
            {
                return false;
            }
            value = value * numberBase + d;
        }
        value = negative ? -value : value;
        if (value > ulong.MaxValue || value < long.MinValue)
        {
            return false;
        }
        isUnsignedOnly = value > long.MaxValue;
        return true;
    }

    /// <summary>Go's rule: an underscore must sit between digits, or follow a base prefix.</summary>
    private static bool UnderscoresOk(string body)
    {
        var saw = '^';
        var i = 0;
        var hex = false;
        if (body.Length >= 2 && body[0] == '0' && char.ToLowerInvariant(body[1]) is 'b' or 'o' or 'x')
        {
            (i, saw, hex) = (2, '0', char.ToLowerInvariant(body[1]) == 'x');
        }
        for (; i < body.Length; i++)
        {
            var c = body[i];
            if (char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c)))
            {
                saw = '0';
            }
            else if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }
                saw = '_';
            }
            else
            {
                if (saw == '_')
                {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }
}
