using System.Globalization;
using System.Text;

namespace Portal.Domain.Templates;

// RE2 pattern text to .NET pattern text.
internal static partial class GoRegex
{
    private static readonly Dictionary<string, string> Posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z", ["alpha"] = "A-Za-z", ["ascii"] = "\\x00-\\x7F", ["blank"] = "\\t ",
        ["cntrl"] = "\\x00-\\x1F\\x7F", ["digit"] = "0-9", ["graph"] = "!-~", ["lower"] = "a-z",
        ["print"] = " -~", ["punct"] = "!-/:-@\\[-`{-~", ["space"] = "\\t\\n\\v\\f\\r ", ["upper"] = "A-Z",
        ["word"] = Word, ["xdigit"] = "0-9A-Fa-f",
    };

    private static (string Pattern, Dictionary<string, int> Names) Translate(string p)
    {
        var sb = new StringBuilder();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var group = 0;
        var inClass = false;
        var multiline = false;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '\\')
            {
                i = Escape(p, i, inClass, sb);
                continue;
            }
            if (inClass)
            {
                if (c == '[' && i + 1 < p.Length && p[i + 1] == ':' && p.IndexOf(":]", i + 2, StringComparison.Ordinal) is var close and > 0 &&
                    Posix.TryGetValue(p[(i + 2)..close], out var posix))
                {
                    sb.Append(posix);
                    i = close + 1;
                    continue;
                }
                if (c == '[')
                {
                    sb.Append("\\[");
                    continue;
                }
                if (c == ']' && !ClassJustOpened(p, i))
                {
                    inClass = false;
                }
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < p.Length && p[i + 1] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }
                    break;
                case '$':
                    // Without (?m), RE2's $ matches only at the very end, never before a final newline.
                    sb.Append(multiline ? "(?=\\n|\\z)" : "\\z");
                    break;
                case '(' when i + 1 < p.Length && p[i + 1] == '?':
                    i = Group(p, i, sb, names, ref group, ref multiline);
                    break;
                case '(':
                    group++;
                    sb.Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return (sb.ToString(), names);
    }

    private static bool ClassJustOpened(string p, int i) =>
        p[i - 1] == '[' || (p[i - 1] == '^' && i >= 2 && p[i - 2] == '[');

    private static int Group(string p, int i, StringBuilder sb, Dictionary<string, int> names, ref int group, ref bool multiline)
    {
        var rest = p[(i + 2)..];
        if (rest.StartsWith("P<", StringComparison.Ordinal))
        {
            var end = rest.IndexOf('>');
            var name = end > 2 ? rest[2..end] : "";
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') || names.ContainsKey(name))
            {
                throw new GoRegexSyntaxException($"invalid named capture: `{p[i..(end < 0 ? p.Length : i + 3 + end)]}`");
            }
            // Unnamed in .NET, so numbering stays left to right as in RE2.
            names[name] = ++group;
            sb.Append('(');
            return i + 2 + end;
        }
        var flagsEnd = 0;
        while (flagsEnd < rest.Length && "imsU-".Contains(rest[flagsEnd]))
        {
            flagsEnd++;
        }
        if (flagsEnd < rest.Length && rest[flagsEnd] is ':' or ')' && !rest[..flagsEnd].Contains('U'))
        {
            var flags = rest[..flagsEnd];
            multiline |= rest[flagsEnd] == ')' && flags.Split('-')[0].Contains('m');
            sb.Append("(?").Append(flags).Append(rest[flagsEnd]);
            return i + 2 + flagsEnd;
        }
        throw new GoRegexSyntaxException($"invalid or unsupported Perl syntax: `{p.Substring(i, Math.Min(3, p.Length - i))}`");
    }

    private static int Escape(string p, int i, bool inClass, StringBuilder sb)
    {
        if (i + 1 >= p.Length)
        {
            throw new GoRegexSyntaxException("trailing backslash at end of expression: ``");
        }
        var e = p[i + 1];
        var ascii = e switch
        {
            'd' => "0-9",
            's' => "\\t\\n\\f\\r ",
            'w' => Word,
            _ => null,
        };
        if (ascii is not null)
        {
            sb.Append(inClass ? ascii : "[" + ascii + "]");
            return i + 1;
        }
        switch (e)
        {
            case 'D' or 'S' or 'W':
                var negated = e == 'D' ? "0-9" : e == 'S' ? "\\t\\n\\f\\r " : Word;
                sb.Append(inClass ? "\\" + e : "[^" + negated + "]");
                return i + 1;
            case 'b' when !inClass:
                sb.Append($"(?:(?<=[{Word}])(?![{Word}])|(?<![{Word}])(?=[{Word}]))");
                return i + 1;
            case 'B' when !inClass:
                sb.Append($"(?:(?<=[{Word}])(?=[{Word}])|(?<![{Word}])(?![{Word}]))");
                return i + 1;
            case 'A' or 'z' when !inClass:
            case 'a' or 'f' or 't' or 'n' or 'r' or 'v':
                sb.Append('\\').Append(e);
                return i + 1;
            case 'Q':
                var end = p.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                var literal = end < 0 ? p[(i + 2)..] : p[(i + 2)..end];
                sb.Append(inClass ? literal.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal) : System.Text.RegularExpressions.Regex.Escape(literal));
                return end < 0 ? p.Length : end + 1;
            case 'x':
                return HexEscape(p, i, sb);
            case 'p' or 'P':
                if (i + 2 < p.Length && p[i + 2] != '{')
                {
                    sb.Append('\\').Append(e).Append('{').Append(p[i + 2]).Append('}');
                    return i + 2;
                }
                var close = p.IndexOf('}', i);
                sb.Append(p, i, (close < 0 ? p.Length : close + 1) - i);
                return close < 0 ? p.Length : close;
            case >= '0' and <= '7' when e == '0' || (i + 2 < p.Length && p[i + 2] is >= '0' and <= '7'):
                var digits = 1;
                while (digits < 3 && i + 1 + digits < p.Length && p[i + 1 + digits] is >= '0' and <= '7')
                {
                    digits++;
                }
                var code = Convert.ToInt32(p.Substring(i + 1, digits), 8);
                sb.Append("\\u").Append(code.ToString("X4", CultureInfo.InvariantCulture));
                return i + digits;
        }
        if (e < 0x80 && !char.IsAsciiLetterOrDigit(e))
        {
            sb.Append('\\').Append(e);
            return i + 1;
        }
        throw new GoRegexSyntaxException($"invalid escape sequence: `\\{e}`");
    }

    private static int HexEscape(string p, int i, StringBuilder sb)
    {
        int code;
        int last;
        if (i + 2 < p.Length && p[i + 2] == '{')
        {
            var close = p.IndexOf('}', i + 3);
            if (close < 0 || !int.TryParse(p.AsSpan(i + 3, close - i - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code) || code > 0x10FFFF)
            {
                throw new GoRegexSyntaxException($"invalid escape sequence: `{p[i..Math.Min(p.Length, close < 0 ? p.Length : close + 1)]}`");
            }
            last = close;
        }
        else if (i + 3 < p.Length && int.TryParse(p.AsSpan(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code))
        {
            last = i + 3;
        }
        else
        {
            throw new GoRegexSyntaxException($"invalid escape sequence: `{p[i..Math.Min(p.Length, i + 4)]}`");
        }
        var text = char.ConvertFromUtf32(code);
        foreach (var ch in text)
        {
            sb.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
        }
        return last;
    }
}
