using System.Globalization;
using System.Text;

namespace Portal.Domain.Templates;

/// <summary>Go's fmt printer state: one argument formatted with one verb and the current flags.</summary>
internal sealed partial class GoPrinter
{
    public struct Flags
    {
        public bool Sharp, Zero, Plus, Minus, Space, PlusV, SharpV, WidPresent, PrecPresent;
        public int Wid, Prec;
    }

    public StringBuilder Out { get; } = new();

    /// <summary>The rendering's budget, or null where fmt only formats an error message.</summary>
    public TemplateBudget? Budget { get; init; }

    public void CheckLength() => Budget?.CheckOutput(Out.Length);

    public Flags F;

    public void PrintArg(GoValue arg, int verb)
    {
        if (arg is GoInvalid || arg == GoNil.Interface)
        {
            if (verb is 'T' or 'v')
            {
                Pad("<nil>");
            }
            else
            {
                BadVerb(arg, verb);
            }
            return;
        }
        if (verb == 'T')
        {
            FmtS(arg.Type);
            return;
        }
        PrintValue(arg, verb, 0);
    }

    private void PrintValue(GoValue value, int verb, int depth)
    {
        switch (value)
        {
            case GoBool b:
                if (verb is 't' or 'v')
                {
                    Pad(b.Value ? "true" : "false");
                }
                else
                {
                    BadVerb(value, verb);
                }
                return;
            case GoInt i:
                FmtInteger(i, verb);
                return;
            case GoFloat f:
                FmtFloat(f, verb);
                return;
            case GoString s:
                FmtString(s, verb);
                return;
            case GoTime t:
                // *time.Time is a fmt.Stringer, used for the string-like verbs.
                if (verb is 'v' or 's' or 'x' or 'X' or 'q')
                {
                    FmtString(new GoString(GoText.FormatTime(t.UnixMilliseconds)), verb);
                }
                else
                {
                    BadVerb(value, verb);
                }
                return;
            case GoNil:
                if (verb is 'v' or 's')
                {
                    Pad("<nil>");
                }
                else
                {
                    BadVerb(value, verb);
                }
                return;
            case GoMap m:
                Out.Append("map[");
                var first = true;
                foreach (var (key, element) in m.Sorted())
                {
                    if (!first)
                    {
                        Out.Append(' ');
                    }
                    first = false;
                    PrintValue(new GoString(key), verb, depth + 1);
                    Out.Append(':');
                    PrintValue(element, verb, depth + 1);
                }
                Out.Append(']');
                return;
            case GoStruct st:
                Out.Append('{');
                for (var k = 0; k < st.Fields.Count; k++)
                {
                    if (k > 0)
                    {
                        Out.Append(' ');
                    }
                    if (F.PlusV)
                    {
                        Out.Append(st.Fields[k].Key).Append(':');
                    }
                    PrintValue(st.Fields[k].Value, verb, depth + 1);
                }
                Out.Append('}');
                return;
            default:
                Out.Append('[').Append(']');
                return;
        }
    }

    private void BadVerb(GoValue value, int verb)
    {
        Out.Append("%!").Append(char.ConvertFromUtf32(verb)).Append('(');
        if (value is GoInvalid || value == GoNil.Interface)
        {
            Out.Append("<nil>");
        }
        else
        {
            Out.Append(value.Type).Append('=');
            PrintValue(value, 'v', 0);
        }
        Out.Append(')');
    }

    private void FmtString(GoString s, int verb)
    {
        switch (verb)
        {
            case 'v' when F.SharpV:
            case 'q':
                var text = Truncate(s.Value);
                Pad(F.Sharp && GoText.CanBackquote(text) ? "`" + text + "`" : GoText.Quote(text, F.Plus));
                return;
            case 'v' or 's':
                Pad(Truncate(s.Value));
                return;
            case 'x' or 'X':
                FmtSx(s.Value, verb == 'X' ? "0123456789ABCDEFX" : "0123456789abcdefx");
                return;
            default:
                BadVerb(s, verb);
                return;
        }
    }

    private string Truncate(string s)
    {
        if (!F.PrecPresent)
        {
            return s;
        }
        var runes = s.EnumerateRunes().Take(F.Prec).Select(r => r.ToString());
        return string.Concat(runes);
    }

    private void FmtSx(string s, string digits)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var length = F.PrecPresent && F.Prec < bytes.Length ? F.Prec : bytes.Length;
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            if (F.Space && i > 0)
            {
                sb.Append(' ');
            }
            if (F.Sharp && (F.Space || i == 0))
            {
                sb.Append('0').Append(digits[16]);
            }
            sb.Append(digits[bytes[i] >> 4]).Append(digits[bytes[i] & 0xF]);
        }
        Pad(sb.ToString());
    }

    private void FmtS(string s) => Pad(Truncate(s));

    /// <summary>Pads to the width in runes, on the right with '-', else on the left with spaces or zeros.</summary>
    private void Pad(string s)
    {
        if (!F.WidPresent || F.Wid == 0)
        {
            Out.Append(s);
            return;
        }
        var width = F.Wid - s.EnumerateRunes().Count();
        Budget?.CheckOutput(Out.Length + s.Length + Math.Max(width, 0));
        if (width <= 0)
        {
            Out.Append(s);
        }
        else if (F.Minus)
        {
            Out.Append(s).Append(' ', width);
        }
        else
        {
            Out.Append(F.Zero ? '0' : ' ', width).Append(s);
        }
    }
}
