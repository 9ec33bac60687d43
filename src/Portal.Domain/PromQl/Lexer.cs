namespace Portal.Domain.PromQl;

/// <summary>
/// Splits PromQL into tokens the way Prometheus 2.42 does: inside braces only label names,
/// matchers and strings exist; inside brackets only durations and the subquery colon.
/// </summary>
internal sealed class Lexer(string input, List<Token>? into = null, string?[]? words = null)
{
    // A token takes about three characters of a typical rule; sizing the list once saves its regrowth
    // copies. The cap keeps a long text from reserving more up front.
    private readonly List<Token> _tokens = into ?? new(Math.Min(input.Length / 3 + 4, 4096));
    private int _pos;
    private bool _inBraces;
    private bool _inBrackets;

    public static List<Token> Tokenize(string input) => new Lexer(input).Run();

    /// <summary>Tokenizes into <paramref name="into"/>, an empty list the caller reuses across parses, sharing repeated words through <paramref name="words"/>.</summary>
    public static List<Token> Tokenize(string input, List<Token> into, string?[] words) => new Lexer(input, into, words).Run();

    /// <summary>For highlighting: the tokens before the first lexical error, so a half-typed query still gets colour up to the mistake.</summary>
    public static IReadOnlyList<Token> TokenizePrefix(string input)
    {
        var lexer = new Lexer(input);
        try
        {
            return lexer.Run();
        }
        catch (PromQlSyntaxException)
        {
            return lexer._tokens;
        }
    }

    private List<Token> Run()
    {
        while (true)
        {
            SkipSpaceAndComments();
            if (_pos >= input.Length)
            {
                if (_inBraces)
                {
                    throw new PromQlSyntaxException("unexpected end of input inside braces", _pos);
                }

                if (_inBrackets)
                {
                    throw new PromQlSyntaxException("unclosed left bracket", _pos);
                }

                _tokens.Add(new Token(TokenKind.Eof, "", _pos, _pos));
                return _tokens;
            }

            if (_inBraces)
            {
                LexInsideBraces();
            }
            else if (_inBrackets)
            {
                LexInsideBrackets();
            }
            else
            {
                LexStatement();
            }
        }
    }

    private char Peek(int ahead = 0) => _pos + ahead < input.Length ? input[_pos + ahead] : '\0';

    private void Emit(TokenKind kind, int start) => _tokens.Add(new Token(kind, WordCache.Get(words, input.AsSpan(start, _pos - start)), start, _pos));

    // Punctuation and operators have one spelling each: the constant instead of a new string per token.
    private void Emit(TokenKind kind, int start, string text) => _tokens.Add(new Token(kind, text, start, _pos));

    private void SkipSpaceAndComments()
    {
        while (_pos < input.Length)
        {
            var c = input[_pos];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                _pos++;
            }
            // Prometheus reads a comment anywhere whitespace may stand, inside braces too.
            else if (c == '#')
            {
                while (_pos < input.Length && input[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private void LexStatement()
    {
        var start = _pos;
        var c = input[_pos];
        switch (c)
        {
            case '(': _pos++; Emit(TokenKind.LeftParen, start, "("); return;
            case ')': _pos++; Emit(TokenKind.RightParen, start, ")"); return;
            case ',': _pos++; Emit(TokenKind.Comma, start, ","); return;
            case '+': _pos++; Emit(TokenKind.Add, start, "+"); return;
            case '-': _pos++; Emit(TokenKind.Sub, start, "-"); return;
            case '*': _pos++; Emit(TokenKind.Mul, start, "*"); return;
            case '/': _pos++; Emit(TokenKind.Div, start, "/"); return;
            case '%': _pos++; Emit(TokenKind.Mod, start, "%"); return;
            case '^': _pos++; Emit(TokenKind.Pow, start, "^"); return;
            case '@': _pos++; Emit(TokenKind.At, start, "@"); return;
            case '{': _pos++; Emit(TokenKind.LeftBrace, start, "{"); _inBraces = true; return;
            case '[': _pos++; Emit(TokenKind.LeftBracket, start, "["); _inBrackets = true; return;
            case '}': throw new PromQlSyntaxException("unexpected right brace '}'", start);
            case ']': throw new PromQlSyntaxException("unexpected right bracket ']'", start);
            case '=':
                _pos++;
                if (Peek() == '=') { _pos++; Emit(TokenKind.Eql, start, "=="); return; }
                if (Peek() == '~') { throw new PromQlSyntaxException("unexpected character after '=': '~'", _pos); }
                Emit(TokenKind.Assign, start, "=");
                return;
            case '!':
                _pos++;
                if (Peek() == '=') { _pos++; Emit(TokenKind.Neq, start, "!="); return; }
                throw new PromQlSyntaxException("unexpected character after '!': '" + Peek() + "'", _pos);
            case '<':
                _pos++;
                if (Peek() == '=') { _pos++; Emit(TokenKind.Lte, start, "<="); return; }
                Emit(TokenKind.Lss, start, "<");
                return;
            case '>':
                _pos++;
                if (Peek() == '=') { _pos++; Emit(TokenKind.Gte, start, ">="); return; }
                Emit(TokenKind.Gtr, start, ">");
                return;
            case '"' or '\'' or '`':
                LexString();
                return;
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            LexNumberOrDuration();
            return;
        }

        if (IsAlpha(c) || c == ':')
        {
            while (_pos < input.Length && (IsAlphaNumeric(input[_pos]) || input[_pos] == ':'))
            {
                _pos++;
            }

            // The word is the token's text too: one string, not a second copy for the token.
            var word = WordCache.Get(words, input.AsSpan(start, _pos - start));
            var lower = word.ToLowerInvariant();
            if (TokenKinds.Keywords.TryGetValue(lower, out var keyword))
            {
                Emit(keyword, start, word);
            }
            else if (lower is "inf" or "nan")
            {
                Emit(TokenKind.Number, start, word);
            }
            else
            {
                Emit(word.Contains(':') ? TokenKind.MetricIdentifier : TokenKind.Identifier, start, word);
            }

            return;
        }

        throw new PromQlSyntaxException($"unexpected character: '{c}'", start);
    }

    private void LexInsideBraces()
    {
        var start = _pos;
        var c = input[_pos];
        switch (c)
        {
            case ',': _pos++; Emit(TokenKind.Comma, start, ","); return;
            case '}': _pos++; Emit(TokenKind.RightBrace, start, "}"); _inBraces = false; return;
            case '{': throw new PromQlSyntaxException("unexpected left brace '{'", start);
            case '"' or '\'' or '`': LexString(); return;
            case '=':
                _pos++;
                if (Peek() == '~') { _pos++; Emit(TokenKind.EqlRegex, start, "=~"); return; }
                Emit(TokenKind.Assign, start, "=");
                return;
            case '!':
                _pos++;
                if (Peek() == '~') { _pos++; Emit(TokenKind.NeqRegex, start, "!~"); return; }
                if (Peek() == '=') { _pos++; Emit(TokenKind.Neq, start, "!="); return; }
                throw new PromQlSyntaxException("unexpected character after '!' inside braces: '" + Peek() + "'", _pos);
        }

        if (IsAlpha(c))
        {
            while (_pos < input.Length && IsAlphaNumeric(input[_pos]))
            {
                _pos++;
            }

            Emit(TokenKind.Identifier, start);
            return;
        }

        throw new PromQlSyntaxException($"unexpected character inside braces: '{c}'", start);
    }

    private void LexInsideBrackets()
    {
        var start = _pos;
        var c = input[_pos];
        switch (c)
        {
            case ']': _pos++; Emit(TokenKind.RightBracket, start, "]"); _inBrackets = false; return;
            case ':': _pos++; Emit(TokenKind.Colon, start, ":"); return;
            case '[': throw new PromQlSyntaxException("unexpected left bracket", start);
        }

        if (char.IsAsciiDigit(c))
        {
            LexNumberOrDuration();
            return;
        }

        throw new PromQlSyntaxException($"unexpected character inside brackets: '{c}'", start);
    }

    private void LexNumberOrDuration()
    {
        var start = _pos;
        if (ScanNumber())
        {
            Emit(TokenKind.Number, start);
            return;
        }

        _pos = start;
        if (ScanDuration())
        {
            Emit(TokenKind.Duration, start);
            return;
        }

        while (_pos < input.Length && (IsAlphaNumeric(input[_pos]) || input[_pos] == '.'))
        {
            _pos++;
        }

        throw new PromQlSyntaxException($"bad number or duration syntax: \"{input[start.._pos]}\"", start);
    }

    private bool ScanNumber()
    {
        var digits = DecimalDigits;
        if (Peek() == '0' && Peek(1) is 'x' or 'X')
        {
            _pos += 2;
            digits = "0123456789abcdefABCDEF";
        }

        AcceptRun(digits);
        if (Peek() == '.')
        {
            _pos++;
            AcceptRun(digits);
        }

        if (digits.Length == 10 && Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            AcceptRun(DecimalDigits);
        }

        return !IsAlphaNumeric(Peek());
    }

    /// <summary>Digit runs each followed by a unit; the units themselves are checked by the parser.</summary>
    private bool ScanDuration()
    {
        var any = false;
        while (char.IsAsciiDigit(Peek()))
        {
            AcceptRun(DecimalDigits);
            if (Peek() is not ('s' or 'm' or 'h' or 'd' or 'w' or 'y'))
            {
                return false;
            }

            _pos++;
            if (input[_pos - 1] == 'm' && Peek() == 's')
            {
                _pos++;
            }

            any = true;
        }

        return any && !IsAlphaNumeric(Peek()) && Peek() != '.';
    }

    private void AcceptRun(string valid)
    {
        // Decimal digits are nearly every run: a range test instead of a search of the string.
        if (ReferenceEquals(valid, DecimalDigits))
        {
            while (_pos < input.Length && char.IsAsciiDigit(input[_pos]))
            {
                _pos++;
            }

            return;
        }

        while (_pos < input.Length && valid.Contains(input[_pos]))
        {
            _pos++;
        }
    }

    private const string DecimalDigits = "0123456789";

    private void LexString()
    {
        var start = _pos;
        var quote = input[_pos++];
        while (true)
        {
            if (_pos >= input.Length || (quote != '`' && input[_pos] == '\n'))
            {
                throw new PromQlSyntaxException("unterminated quoted string", start);
            }

            var c = input[_pos++];
            if (c == quote)
            {
                break;
            }

            if (c == '\\' && quote != '`')
            {
                _pos = StringLiterals.SkipEscape(input, _pos, quote);
            }
        }

        Emit(TokenKind.String, start);
    }

    private static bool IsAlpha(char c) => c == '_' || char.IsAsciiLetter(c);

    private static bool IsAlphaNumeric(char c) => IsAlpha(c) || char.IsAsciiDigit(c);
}
