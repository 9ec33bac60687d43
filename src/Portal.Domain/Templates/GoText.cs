using System.Globalization;
using System.Text;

namespace Portal.Domain.Templates;

/// <summary>Go standard-library string helpers whose exact output reaches alert text.</summary>
internal static class GoText
{
    /// <summary>strconv.Quote (or QuoteToASCII): Go escapes, lower-case hex, printable runes kept.</summary>
    public static string Quote(string s, bool asciiOnly = false, char quote = '"')
    {
        var sb = new StringBuilder().Append(quote);
        foreach (var rune in s.EnumerateRunes())
        {
            var r = rune.Value;
            if (r == quote || r == '\\')
            {
                sb.Append('\\').Append((char)r);
            }
            else if (IsPrint(rune) && (!asciiOnly || r < 0x80))
            {
                sb.Append(rune.ToString());
            }
            else
            {
                sb.Append(r switch
                {
                    7 => "\\a", 8 => "\\b", 12 => "\\f", 10 => "\\n", 13 => "\\r", 9 => "\\t", 11 => "\\v",
                    < 0x20 or 0x7F => "\\x" + r.ToString("x2", CultureInfo.InvariantCulture),
                    < 0x10000 => "\\u" + r.ToString("x4", CultureInfo.InvariantCulture),
                    _ => "\\U" + r.ToString("x8", CultureInfo.InvariantCulture),
                });
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or
                UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or
                UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    /// <summary>strconv.CanBackquote: no control characters but tab, no backquote, no BOM.</summary>
    public static bool CanBackquote(string s) =>
        s.All(c => c == '\t' || (c >= ' ' && c != '`' && c != '\u007F' && c != '\uFEFF'));

    /// <summary>The rune after a backslash escape in Go quoted strings and character literals.</summary>
    public static bool TryUnquote(string token, out string value)
    {
        value = "";
        if (token.Length < 2)
        {
            return false;
        }
        if (token[0] == '`')
        {
            if (token[^1] != '`')
            {
                return false;
            }
            value = token[1..^1].Replace("\r", "", StringComparison.Ordinal);
            return true;
        }
        if (token[^1] != token[0])
        {
            return false;
        }
        var sb = new StringBuilder();
        var body = token[1..^1];
        for (var i = 0; i < body.Length;)
        {
            if (!TryUnquoteChar(body, ref i, token[0], sb))
            {
                return false;
            }
        }
        value = sb.ToString();
        return token[0] != '\'' || value.EnumerateRunes().Count() == 1;
    }

    /// <summary>strconv.UnquoteChar: one character or escape of s at i, appended to sb.</summary>
    public static bool TryUnquoteChar(string s, ref int i, char quote, StringBuilder sb)
    {
        if (i >= s.Length)
        {
            return false;
        }
        var c = s[i];
        if (c == quote && quote != '`')
        {
            return false;
        }
        if (c != '\\')
        {
            sb.Append(c);
            i++;
            return true;
        }
        if (i + 1 >= s.Length)
        {
            return false;
        }
        var e = s[i + 1];
        i += 2;
        switch (e)
        {
            case 'a': sb.Append('\a'); return true;
            case 'b': sb.Append('\b'); return true;
            case 'f': sb.Append('\f'); return true;
            case 'n': sb.Append('\n'); return true;
            case 'r': sb.Append('\r'); return true;
            case 't': sb.Append('\t'); return true;
            case 'v': sb.Append('\v'); return true;
            case '\\': sb.Append('\\'); return true;
            case '\'' or '"':
                if (e != quote)
                {
                    return false;
                }
                sb.Append(e);
                return true;
            case 'x' or 'u' or 'U':
                var n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (i + n > s.Length || !int.TryParse(s.AsSpan(i, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    return false;
                }
                i += n;
                if (e == 'x')
                {
                    // A \x escape is one byte; only ASCII bytes make a valid string here.
                    sb.Append((char)code);
                    return code < 0x80;
                }
                if (!Rune.IsValid(code))
                {
                    return false;
                }
                sb.Append(new Rune(code).ToString());
                return true;
            case >= '0' and <= '7':
                if (i + 2 > s.Length)
                {
                    return false;
                }
                var octal = s.Substring(i - 1, 3);
                if (octal.Any(ch => ch is < '0' or > '7'))
                {
                    return false;
                }
                i += 2;
                var value = Convert.ToInt32(octal, 8);
                sb.Append((char)value);
                return value < 0x80;
            default:
                return false;
        }
    }

    /// <summary>net/url.QueryEscape: unreserved bytes kept, space as '+', the rest %XX of UTF-8.</summary>
    public static string QueryEscape(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' ||
                b == '-' || b == '_' || b == '.' || b == '~')
            {
                sb.Append((char)b);
            }
            else if (b == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>strings.Title: upper-cases the first letter after each separator.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder();
        var previous = new Rune(' ');
        foreach (var rune in s.EnumerateRunes())
        {
            sb.Append((IsSeparator(previous) ? Rune.ToUpperInvariant(rune) : rune).ToString());
            previous = rune;
        }
        return sb.ToString();
    }

    private static bool IsSeparator(Rune r)
    {
        if (r.Value <= 0x7F)
        {
            return !(char.IsAsciiLetterOrDigit((char)r.Value) || r.Value == '_');
        }
        return !Rune.IsLetter(r) && !Rune.IsDigit(r) && Rune.IsWhiteSpace(r);
    }

    /// <summary>strings.ToUpper/ToLower map rune by rune without culture.</summary>
    public static string MapRunes(string s, Func<Rune, Rune> map)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            sb.Append(map(rune).ToString());
        }
        return sb.ToString();
    }

    /// <summary>time.Time.String() for a UTC instant: "2006-01-02 15:04:05.999999999 +0000 UTC".</summary>
    public static string FormatTime(long unixMilliseconds)
    {
        var t = DateTime.UnixEpoch.AddMilliseconds(unixMilliseconds);
        var sb = new StringBuilder(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var ms = (int)(((unixMilliseconds % 1000) + 1000) % 1000);
        if (ms != 0)
        {
            sb.Append('.').Append(ms.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
        return sb.Append(" +0000 UTC").ToString();
    }
}
