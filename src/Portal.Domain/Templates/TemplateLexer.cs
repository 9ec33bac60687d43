namespace Portal.Domain.Templates;

/// <summary>
/// The text/template lexer of Go 1.19 (the Go that built Prometheus 2.42): text and {{ }}
/// actions, trim markers "{{- " and " -}}", comments, and newlines allowed inside actions.
/// </summary>
internal sealed partial class TemplateLexer
{
    private enum State { Text, Action, Done }

    private static readonly Dictionary<string, TokenType> Keywords = new(StringComparer.Ordinal)
    {
        ["."] = TokenType.Dot, ["block"] = TokenType.Block, ["break"] = TokenType.Break,
        ["continue"] = TokenType.Continue, ["define"] = TokenType.Define, ["else"] = TokenType.Else,
        ["end"] = TokenType.End, ["if"] = TokenType.If, ["range"] = TokenType.Range, ["nil"] = TokenType.Nil,
        ["template"] = TokenType.Template, ["with"] = TokenType.With,
    };

    private readonly string _input;
    private readonly List<Token> _tokens = [];
    private readonly List<int> _newlines = [];
    private int _pos;
    private int _start;
    private int _parenDepth;

    private TemplateLexer(string input)
    {
        _input = input;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '\n')
            {
                _newlines.Add(i);
            }
        }
    }

    public static List<Token> Lex(string input)
    {
        var lexer = new TemplateLexer(input);
        var state = State.Text;
        while (state != State.Done)
        {
            state = state == State.Text ? lexer.LexText() : lexer.LexInsideAction();
        }
        return lexer._tokens;
    }

    private static bool IsSpace(int c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(int c) => c == '_' || (c >= 0 && (char.IsLetter((char)c) || char.IsDigit((char)c)));

    private int Peek(int offset = 0) => _pos + offset < _input.Length ? _input[_pos + offset] : -1;

    private bool At(string s, int at) => at + s.Length <= _input.Length && string.CompareOrdinal(_input, at, s, 0, s.Length) == 0;

    private bool HasLeftTrimMarker(int at) => at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    private bool HasRightTrimMarker(int at) => at >= 0 && at + 1 < _input.Length && IsSpace(_input[at]) && _input[at + 1] == '-';

    /// <summary>The 1-based line of a position: Go reports a token's line where the token starts.</summary>
    private int LineAt(int pos)
    {
        var index = _newlines.BinarySearch(pos);
        return 1 + (index >= 0 ? index : ~index);
    }

    private void Emit(TokenType type)
    {
        _tokens.Add(new Token(type, _start, _input[_start.._pos], LineAt(_start)));
        _start = _pos;
    }

    private void Ignore() => _start = _pos;

    private State Error(string message)
    {
        _tokens.Add(new Token(TokenType.Error, _start, message, LineAt(_start)));
        return State.Done;
    }

    private State LexText()
    {
        var x = _input.IndexOf("{{", _pos, StringComparison.Ordinal);
        if (x < 0)
        {
            _pos = _input.Length;
            if (_pos > _start)
            {
                Emit(TokenType.Text);
            }
            Emit(TokenType.Eof);
            return State.Done;
        }
        _pos = x;
        var trim = 0;
        if (HasLeftTrimMarker(x + 2))
        {
            trim = _pos - _start - _input[_start.._pos].TrimEnd(' ', '\t', '\r', '\n').Length;
        }
        _pos -= trim;
        if (_pos > _start)
        {
            Emit(TokenType.Text);
        }
        _pos += trim;
        Ignore();
        return LexLeftDelim();
    }

    private State LexLeftDelim()
    {
        _pos += 2;
        var afterMarker = HasLeftTrimMarker(_pos) ? 2 : 0;
        if (At("/*", _pos + afterMarker))
        {
            _pos += afterMarker;
            Ignore();
            return LexComment();
        }
        Emit(TokenType.LeftDelim);
        _pos += afterMarker;
        Ignore();
        _parenDepth = 0;
        return State.Action;
    }

    private State LexComment()
    {
        _pos += 2;
        var x = _input.IndexOf("*/", _pos, StringComparison.Ordinal);
        if (x < 0)
        {
            return Error("unclosed comment");
        }
        _pos = x + 2;
        var (delim, trimSpace) = AtRightDelim();
        if (!delim)
        {
            return Error("comment ends before closing delimiter");
        }
        _pos += (trimSpace ? 2 : 0) + 2;
        if (trimSpace)
        {
            _pos = SkipSpace(_pos);
        }
        Ignore();
        return State.Text;
    }

    private int SkipSpace(int at)
    {
        while (at < _input.Length && IsSpace(_input[at]))
        {
            at++;
        }
        return at;
    }

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_pos) && At("}}", _pos + 2))
        {
            return (true, true);
        }
        return (At("}}", _pos), false);
    }

    private State LexRightDelim(bool trimSpace)
    {
        if (trimSpace)
        {
            _pos += 2;
            Ignore();
        }
        _pos += 2;
        Emit(TokenType.RightDelim);
        if (trimSpace)
        {
            _pos = SkipSpace(_pos);
            Ignore();
        }
        return State.Text;
    }

    private State LexInsideAction()
    {
        while (true)
        {
            var (delim, trim) = AtRightDelim();
            if (delim)
            {
                return _parenDepth == 0 ? LexRightDelim(trim) : Error("unclosed left paren");
            }
            var c = Peek();
            if (c < 0)
            {
                return Error("unclosed action");
            }
            if (IsSpace(c))
            {
                if (!LexSpace())
                {
                    return LexRightDelim(true);
                }
                continue;
            }
            _pos++;
            var ok = c switch
            {
                '=' => Emit(TokenType.Assign, true),
                ':' => Peek() == '=' ? Emit(TokenType.Declare, true, 1) : Fail("expected :="),
                '|' => Emit(TokenType.Pipe, true),
                '"' => LexQuote(),
                '`' => LexRawQuote(),
                '$' => LexFieldOrVariable(TokenType.Variable),
                '\'' => LexChar(),
                '(' => Emit(TokenType.LeftParen, true, 0, +1),
                ')' => Emit(TokenType.RightParen, true, 0, -1) &&
                       (_parenDepth >= 0 || Fail("unexpected right paren U+0029 ')'")),
                '.' when Peek() is < '0' or > '9' => LexFieldOrVariable(TokenType.Field),
                '.' or '+' or '-' or (>= '0' and <= '9') => Back() && LexNumber(),
                _ when IsAlphaNumeric(c) => Back() && LexIdentifier(),
                > ' ' and < 0x7F => Emit(TokenType.Char, true),
                _ => Fail($"unrecognized character in action: {RuneName(c)}"),
            };
            if (!ok)
            {
                return State.Done;
            }
        }
    }

    private bool Back()
    {
        _pos--;
        return true;
    }

    private bool Emit(TokenType type, bool result, int advance = 0, int parens = 0)
    {
        _pos += advance;
        _parenDepth += parens;
        Emit(type);
        return result;
    }

    private bool Fail(string message)
    {
        Error(message);
        return false;
    }

    /// <summary>Go's %#U: U+0041 'A', without the character when it does not print.</summary>
    private static string RuneName(int c) =>
        c < 0 ? "EOF" : GoText.IsPrint(new System.Text.Rune((char)c)) ? $"U+{c:X4} '{(char)c}'" : $"U+{c:X4}";

    /// <summary>A run of spaces; false when it is the " -" of a trimming right delimiter.</summary>
    private bool LexSpace()
    {
        var numSpaces = 0;
        while (IsSpace(Peek()))
        {
            _pos++;
            numSpaces++;
        }
        if (HasRightTrimMarker(_pos - 1) && At("}}", _pos + 1))
        {
            _pos--;
            if (numSpaces == 1)
            {
                return false;
            }
        }
        Emit(TokenType.Space);
        return true;
    }
}
