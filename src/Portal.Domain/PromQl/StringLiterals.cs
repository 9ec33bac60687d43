using System.Text;

namespace Portal.Domain.PromQl;

/// <summary>Go-style string literals: escapes for ' and " strings, none for back-quoted ones.</summary>
public static class StringLiterals
{
    /// <summary>Validates the escape after a backslash at <paramref name="pos"/> and returns the position after it.</summary>
    internal static int SkipEscape(string input, int pos, char quote)
    {
        if (pos >= input.Length)
        {
            throw new PromQlSyntaxException("escape sequence not terminated", pos - 1);
        }

        var c = input[pos];
        if (c is 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\' || c == quote)
        {
            return pos + 1;
        }

        var (count, radix) = c switch
        {
            'x' => (2, 16),
            'u' => (4, 16),
            'U' => (8, 16),
            >= '0' and <= '7' => (3, 8),
            _ => (0, 0),
        };
        if (count == 0)
        {
            throw new PromQlSyntaxException("unknown escape sequence", pos - 1);
        }

        var digitsStart = radix == 8 ? pos : pos + 1;
        long value = 0;
        for (var i = 0; i < count; i++)
        {
            var at = digitsStart + i;
            var digit = at < input.Length ? HexValue(input[at]) : -1;
            if (digit < 0 || digit >= radix)
            {
                throw new PromQlSyntaxException("illegal character in escape sequence", Math.Min(at, input.Length));
            }

            value = value * radix + digit;
        }

        if ((c == 'u' || c == 'U') && (value > 0x10FFFF || value is >= 0xD800 and < 0xE000))
        {
            throw new PromQlSyntaxException("escape sequence is an invalid Unicode code point", pos - 1);
        }

        if (radix == 8 && value > 255)
        {
            throw new PromQlSyntaxException("octal escape value > 255", pos - 1);
        }

        return digitsStart + count;
    }

    /// <summary>The value of a string token, quotes and escapes removed.</summary>
    public static string Unquote(string token) => Unquote(token, null);

    /// <summary>As <see cref="Unquote(string)"/>, sharing a value without escapes through a parse's <see cref="WordCache"/> slots.</summary>
    internal static string Unquote(string token, string?[]? words)
    {
        var quote = token[0];
        // Most label values have no escape: the body is the value, without a builder and a byte buffer.
        if (quote == '`' || !token.AsSpan(1, token.Length - 2).Contains('\\'))
        {
            return WordCache.Get(words, token.AsSpan(1, token.Length - 2));
        }

        var body = token[1..^1];
        var text = new StringBuilder(body.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                FlushBytes(bytes, text);
                text.Append(body[i]);
                continue;
            }

            var c = body[++i];
            switch (c)
            {
                case 'a': FlushBytes(bytes, text); text.Append('\a'); break;
                case 'b': FlushBytes(bytes, text); text.Append('\b'); break;
                case 'f': FlushBytes(bytes, text); text.Append('\f'); break;
                case 'n': FlushBytes(bytes, text); text.Append('\n'); break;
                case 'r': FlushBytes(bytes, text); text.Append('\r'); break;
                case 't': FlushBytes(bytes, text); text.Append('\t'); break;
                case 'v': FlushBytes(bytes, text); text.Append('\v'); break;
                case 'x':
                    bytes.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
                    i += 2;
                    break;
                case 'u' or 'U':
                    var length = c == 'u' ? 4 : 8;
                    FlushBytes(bytes, text);
                    text.Append(char.ConvertFromUtf32(Convert.ToInt32(body.Substring(i + 1, length), 16)));
                    i += length;
                    break;
                case >= '0' and <= '7':
                    bytes.Add(Convert.ToByte(body.Substring(i, 3), 8));
                    i += 2;
                    break;
                default:
                    FlushBytes(bytes, text);
                    text.Append(c);
                    break;
            }
        }

        FlushBytes(bytes, text);
        return text.ToString();
    }

    private static void FlushBytes(List<byte> bytes, StringBuilder text)
    {
        if (bytes.Count > 0)
        {
            text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
