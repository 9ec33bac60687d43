using System.Globalization;
using System.Text;

namespace Portal.Domain.Templates;

/// <summary>
/// Go's fmt.Sprint, Sprintln and Sprintf over template values, including Go's in-band error
/// text (%!d(float64=1), %!d(MISSING), %!(EXTRA ...)), which Prometheus prints into the alert.
/// </summary>
internal static class GoFmt
{
    // The budget, when given, is checked after every argument and before every padding, so a
    // hostile width or a long argument list stops at the limit instead of after it.
    public static string Sprint(IReadOnlyList<GoValue> args, TemplateBudget? budget = null)
    {
        var p = new GoPrinter { Budget = budget };
        var previousString = false;
        for (var i = 0; i < args.Count; i++)
        {
            var isString = args[i] is GoString;
            if (i > 0 && !isString && !previousString)
            {
                p.Out.Append(' ');
            }
            p.PrintArg(args[i], 'v');
            p.CheckLength();
            previousString = isString;
        }
        return p.Out.ToString();
    }

    public static string Sprintln(IReadOnlyList<GoValue> args, TemplateBudget? budget = null)
    {
        var p = new GoPrinter { Budget = budget };
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                p.Out.Append(' ');
            }
            p.PrintArg(args[i], 'v');
            p.CheckLength();
        }
        return p.Out.Append('\n').ToString();
    }

    public static string Sprintf(string format, IReadOnlyList<GoValue> args, TemplateBudget? budget = null)
    {
        var p = new GoPrinter { Budget = budget };
        var argNum = 0;
        var reordered = false;
        var i = 0;
        while (i < format.Length)
        {
            p.CheckLength();
            var percent = format.IndexOf('%', i);
            var stop = percent < 0 ? format.Length : percent;
            p.Out.Append(format, i, stop - i);
            if (percent < 0)
            {
                break;
            }
            i = percent + 1;
            p.F = new GoPrinter.Flags();
            for (; i < format.Length && "#0+- ".Contains(format[i]); i++)
            {
                switch (format[i])
                {
                    case '#': p.F.Sharp = true; break;
                    case '0': p.F.Zero = !p.F.Minus; break;
                    case '+': p.F.Plus = true; break;
                    case '-': p.F.Minus = true; p.F.Zero = false; break;
                    case ' ': p.F.Space = true; break;
                }
            }
            var goodArgNum = true;
            var afterIndex = ArgNumber(format, ref i, ref argNum, args.Count, ref goodArgNum, ref reordered);
            if (i < format.Length && format[i] == '*')
            {
                i++;
                p.F.WidPresent = IntFromArg(args, ref argNum, out p.F.Wid);
                if (!p.F.WidPresent)
                {
                    p.Out.Append("%!(BADWIDTH)");
                }
                if (p.F.Wid < 0)
                {
                    p.F.Wid = -p.F.Wid;
                    p.F.Minus = true;
                    p.F.Zero = false;
                }
                afterIndex = false;
            }
            else
            {
                p.F.WidPresent = ParseNum(format, ref i, out p.F.Wid);
                if (afterIndex && p.F.WidPresent)
                {
                    goodArgNum = false;
                }
            }
            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (afterIndex)
                {
                    goodArgNum = false;
                }
                afterIndex = ArgNumber(format, ref i, ref argNum, args.Count, ref goodArgNum, ref reordered);
                if (i < format.Length && format[i] == '*')
                {
                    i++;
                    p.F.PrecPresent = IntFromArg(args, ref argNum, out p.F.Prec);
                    if (p.F.Prec < 0)
                    {
                        p.F.Prec = 0;
                        p.F.PrecPresent = false;
                    }
                    if (!p.F.PrecPresent)
                    {
                        p.Out.Append("%!(BADPREC)");
                    }
                    afterIndex = false;
                }
                else
                {
                    if (!ParseNum(format, ref i, out p.F.Prec))
                    {
                        p.F.Prec = 0;
                    }
                    p.F.PrecPresent = true;
                }
            }
            if (!afterIndex)
            {
                ArgNumber(format, ref i, ref argNum, args.Count, ref goodArgNum, ref reordered);
            }
            if (i >= format.Length)
            {
                p.Out.Append("%!(NOVERB)");
                break;
            }
            var verbRune = Rune.GetRuneAt(format, i);
            var verb = verbRune.Value;
            i += verbRune.Utf16SequenceLength;
            if (verb == '%')
            {
                p.Out.Append('%');
            }
            else if (!goodArgNum)
            {
                p.Out.Append("%!").Append(verbRune.ToString()).Append("(BADINDEX)");
            }
            else if (argNum >= args.Count)
            {
                p.Out.Append("%!").Append(verbRune.ToString()).Append("(MISSING)");
            }
            else
            {
                if (verb == 'v')
                {
                    p.F.SharpV = p.F.Sharp;
                    p.F.Sharp = false;
                    p.F.PlusV = p.F.Plus;
                    p.F.Plus = false;
                }
                p.PrintArg(args[argNum], verb);
                argNum++;
            }
        }
        if (!reordered && argNum < args.Count)
        {
            p.F = new GoPrinter.Flags();
            p.Out.Append("%!(EXTRA ");
            for (var k = argNum; k < args.Count; k++)
            {
                if (k > argNum)
                {
                    p.Out.Append(", ");
                }
                if (args[k] is GoInvalid || args[k] == GoNil.Interface)
                {
                    p.Out.Append("<nil>");
                    continue;
                }
                p.Out.Append(args[k].Type).Append('=');
                p.PrintArg(args[k], 'v');
                p.CheckLength();
            }
            p.Out.Append(')');
        }
        p.CheckLength();
        return p.Out.ToString();
    }

    /// <summary>An explicit argument index such as %[2]d; returns whether one was present.</summary>
    private static bool ArgNumber(string format, ref int i, ref int argNum, int numArgs, ref bool ok, ref bool reordered)
    {
        if (i >= format.Length || format[i] != '[')
        {
            return false;
        }
        reordered = true;
        var close = format.IndexOf(']', i + 1);
        if (close < 0 || format.Length - i < 3)
        {
            i++;
            ok = false;
            return false;
        }
        var parsed = int.TryParse(format.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index);
        i = close + 1;
        if (!parsed || index - 1 < 0 || index - 1 >= numArgs)
        {
            ok = false;
            return parsed;
        }
        argNum = index - 1;
        return true;
    }

    private static bool ParseNum(string format, ref int i, out int num)
    {
        num = 0;
        var start = i;
        for (; i < format.Length && char.IsAsciiDigit(format[i]); i++)
        {
            if (num > 1_000_000)
            {
                i = format.Length;
                num = 0;
                return false;
            }
            num = num * 10 + (format[i] - '0');
        }
        return i > start;
    }

    private static bool IntFromArg(IReadOnlyList<GoValue> args, ref int argNum, out int value)
    {
        value = 0;
        if (argNum >= args.Count)
        {
            return false;
        }
        var ok = args[argNum] is GoInt { Value: >= -1_000_000 and <= 1_000_000 };
        if (ok)
        {
            value = (int)((GoInt)args[argNum]).Value;
        }
        argNum++;
        return ok;
    }
}
