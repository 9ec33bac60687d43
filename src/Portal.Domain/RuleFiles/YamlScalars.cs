using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Domain.RuleFiles;

/// <summary>
/// Writes any string as a YAML scalar that every YAML 1.1 or 1.2 reader (Prometheus' Go library,
/// YamlDotNet, kubectl, editors) reads back as exactly that string. Plain style only where nothing
/// could mistake it for something else; literal blocks for readable multi-line PromQL; double
/// quotes with escapes for everything else.
/// </summary>
internal static partial class YamlScalars
{
    /// <summary>Keys longer than this must be explicit (<c>? key</c>): YAML caps implicit keys at 1024 characters.</summary>
    public const int MaxImplicitKeyLength = 1000;

    /// <summary>A value on the same line as its key, or a literal block starting there, indented for the lines below.</summary>
    public static void AppendValue(StringBuilder output, string value, int indent)
    {
        if (IsLiteralBlockSafe(value))
        {
            output.Append(value.EndsWith('\n') ? "|" : "|-").Append('\n');
            var content = value.EndsWith('\n') ? value[..^1] : value;
            foreach (var line in content.Split('\n'))
            {
                if (line.Length > 0)
                {
                    output.Append(' ', indent).Append(line);
                }

                output.Append('\n');
            }

            return;
        }

        output.Append(Inline(value)).Append('\n');
    }

    /// <summary>The string on one line: plain, single-quoted or double-quoted, whichever is safe and easiest to read.</summary>
    public static string Inline(string value)
    {
        if (IsPlainSafe(value))
        {
            return value;
        }

        if (value.All(IsPrintableUnescaped) && (value.Contains('"') || value.Contains('\\')))
        {
            return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        return DoubleQuoted(value);
    }

    public static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value[0] is ' ' || value[^1] is ' ' or ':')
        {
            return false;
        }

        foreach (var c in value)
        {
            // Non-ASCII reads fine unquoted, but quoting it costs nothing and spares older readers.
            if (c is < ' ' or > '~' or '"' or '\'' or '#' or '\\')
            {
                return false;
            }
        }

        if ("-?:,[]{}&*!|>%@`".Contains(value[0], StringComparison.Ordinal)
            || value.Contains(": ", StringComparison.Ordinal)
            || value.Contains("{{", StringComparison.Ordinal) || value.Contains("}}", StringComparison.Ordinal)
            || value.Contains("---", StringComparison.Ordinal) || value.Contains("...", StringComparison.Ordinal))
        {
            return false;
        }

        return !LooksTyped(value);
    }

    /// <summary>Anything a YAML 1.1 or 1.2 reader could take for null, a boolean, a number, a date or a merge key.</summary>
    private static bool LooksTyped(string value) =>
        TypedWords().IsMatch(value)
        || value[0] is >= '0' and <= '9'
        || (value.Length > 1 && value[0] is '+' or '.' && (char.IsAsciiDigit(value[1]) || value[1] == '.'))
        || value is "=" or "<<";

    [GeneratedRegex("^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$")]
    private static partial Regex TypedWords();

    /// <summary>
    /// A literal block keeps the text byte for byte only if: it has a line break; its first line is not
    /// blank or indented (that would confuse indentation detection); no line is whitespace-only or
    /// ends in whitespace (readers and editors trim those); it ends with at most one line break; and it
    /// holds only characters that need no escaping.
    /// </summary>
    private static bool IsLiteralBlockSafe(string value)
    {
        if (!value.Contains('\n') || value.EndsWith("\n\n", StringComparison.Ordinal))
        {
            return false;
        }

        var content = value.EndsWith('\n') ? value[..^1] : value;
        var lines = content.Split('\n');
        if (lines[0].Length == 0 || lines[0][0] == ' ')
        {
            return false;
        }

        foreach (var line in lines)
        {
            if (line.Length > 0 && line[^1] == ' ')
            {
                return false;
            }

            if (!line.All(IsPrintableUnescaped))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Characters YAML lets stand as themselves inside quotes. Tabs, controls, DEL, the C1 range, the
    /// Unicode line and paragraph separators, the BOM and the non-characters are escaped, because
    /// YAML 1.1 readers treat some of them as line breaks and others are not allowed at all.
    /// </summary>
    private static bool IsPrintableUnescaped(char c) =>
        c is >= ' ' and < '\u007F'
        || (c >= '\u00A0' && c is not ('\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF'));

    private static string DoubleQuoted(string value)
    {
        var output = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    output.Append("\\\"");
                    break;
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case var _ when IsPrintableUnescaped(c) || char.IsSurrogate(c):
                    output.Append(c);
                    break;
                default:
                    output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return output.Append('"').ToString();
    }

    /// <summary>
    /// A mapping key. Keys are never literal blocks; a key too long for YAML's implicit-key limit is
    /// written in the explicit form <c>? key</c>, with <c>: value</c> on the next line at <paramref name="indent"/>.
    /// </summary>
    public static string Key(string key, int indent)
    {
        var inline = Inline(key);
        return inline.Length > MaxImplicitKeyLength ? "? " + inline + "\n" + new string(' ', indent) : inline;
    }
}
