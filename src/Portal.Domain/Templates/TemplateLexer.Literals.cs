namespace Portal.Domain.Templates;

// Identifiers, fields, variables, numbers and quoted literals inside an action.
internal sealed partial class TemplateLexer
{
    private bool LexIdentifier()
    {
        while (IsAlphaNumeric(Peek()))
        {
            _pos++;
        }
        if (!AtTerminator())
        {
            return Fail($"bad character {RuneName(Peek())}");
        }
        var word = _input[_start.._pos];
        Emit(Keywords.TryGetValue(word, out var keyword) ? keyword
            : word is "true" or "false" ? TokenType.Bool
            : TokenType.Identifier);
        return true;
    }

    private bool LexFieldOrVariable(TokenType type)
    {
        if (AtTerminator())
        {
            Emit(type == TokenType.Variable ? TokenType.Variable : TokenType.Dot);
            return true;
        }
        while (IsAlphaNumeric(Peek()))
        {
            _pos++;
        }
        if (!AtTerminator())
        {
            return Fail($"bad character {RuneName(Peek())}");
        }
        Emit(type);
        return true;
    }

    /// <summary>What may follow a word: ".X.Y" splits in two, and "$x+2" is rejected.</summary>
    private bool AtTerminator()
    {
        var r = Peek();
        return r < 0 || IsSpace(r) || r is '.' or ',' or '|' or ':' or ')' or '(' or '}';
    }

    private bool LexChar() => LexQuoted('\'', "unterminated character constant", TokenType.CharConstant);

    private bool LexQuote() => LexQuoted('"', "unterminated quoted string", TokenType.String);

    private bool LexQuoted(char quote, string unterminated, TokenType type)
    {
        while (true)
        {
            var c = Peek();
            if (c >= 0)
            {
                _pos++;
            }
            if (c == '\\')
            {
                c = Peek();
                if (c >= 0)
                {
                    _pos++;
                }
                if (c >= 0 && c != '\n')
                {
                    continue;
                }
            }
            if (c is -1 or '\n')
            {
                return Fail(unterminated);
            }
            if (c == quote)
            {
                Emit(type);
                return true;
            }
        }
    }

    private bool LexRawQuote()
    {
        var end = _input.IndexOf('`', _pos);
        if (end < 0)
        {
            return Fail("unterminated raw quoted string");
        }
        _pos = end + 1;
        Emit(TokenType.RawString);
        return true;
    }

    private bool LexNumber()
    {
        if (!ScanNumber())
        {
            return Fail($"bad number syntax: {GoText.Quote(_input[_start.._pos])}");
        }
        if (Peek() is '+' or '-')
        {
            if (!ScanNumber() || _input[_pos - 1] != 'i')
            {
                return Fail($"bad number syntax: {GoText.Quote(_input[_start.._pos])}");
            }
            Emit(TokenType.Complex);
            return true;
        }
        Emit(TokenType.Number);
        return true;
    }

    private bool Accept(string valid)
    {
        if (Peek() >= 0 && valid.Contains((char)Peek()))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    // Like Go's, this scanner is generous ("089", "0x0.2"); the parser rejects what does not parse.
    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            digits = Accept("xX") ? "0123456789abcdefABCDEF_" : Accept("oO") ? "01234567_" : Accept("bB") ? "01_" : digits;
        }
        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }
        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        Accept("i");
        if (IsAlphaNumeric(Peek()))
        {
            _pos++;
            return false;
        }
        return true;
    }
}
