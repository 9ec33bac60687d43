using System.Globalization;
using System.Text;

namespace Portal.Domain.Templates;

// Integers and floats under fmt's flags: sign, space, zero padding, # alternate forms.
internal sealed partial class GoPrinter
{
    private void FmtFloat(GoFloat f, int verb)
    {
        char fmt;
        int prec;
        switch (verb)
        {
            case 'v': fmt = 'g'; prec = -1; break;
            case 'b' or 'g' or 'G' or 'x' or 'X': fmt = (char)verb; prec = -1; break;
            case 'f' or 'e' or 'E': fmt = (char)verb; prec = 6; break;
            case 'F': fmt = 'f'; prec = 6; break;
            default: BadVerb(f, verb); return;
        }
        if (F.PrecPresent)
        {
            prec = F.Prec;
        }
        if (fmt is 'f' or 'e' or 'E' && double.IsFinite(f.Value))
        {
            // These print at least prec digits: a hostile precision is refused before it is formatted.
            Budget?.CheckOutput(Out.Length + prec);
        }
        var num = GoStrconv.Format(f.Value, fmt, prec);
        num = num[0] is '-' or '+' ? num : "+" + num;
        if (F.Space && num[0] == '+' && !F.Plus)
        {
            num = " " + num[1..];
        }
        if (num[1] is 'I' or 'N')
        {
            var oldZero = F.Zero;
            F.Zero = false;
            if (num[1] == 'N' && !F.Space && !F.Plus)
            {
                num = num[1..];
            }
            Pad(num);
            F.Zero = oldZero;
            return;
        }
        if (F.Sharp && fmt != 'b')
        {
            num = SharpFloat(num, fmt, prec);
        }
        if (F.Plus || num[0] != '+')
        {
            if (F.Zero && F.WidPresent && F.Wid > num.Length)
            {
                Budget?.CheckOutput(Out.Length + F.Wid);
                Out.Append(num[0]).Append('0', F.Wid - num.Length).Append(num, 1, num.Length - 1);
                return;
            }
            Pad(num);
            return;
        }
        Pad(num[1..]);
    }

    // %#g keeps trailing zeros and %#e/%#f always show a decimal point.
    private static string SharpFloat(string num, char fmt, int prec)
    {
        var digits = fmt is 'g' or 'G' ? (prec == -1 ? 6 : prec) : 0;
        var tail = "";
        var cut = num.IndexOfAny(fmt is 'x' or 'X' ? ['p', 'P'] : ['e', 'E', 'p', 'P'], 1);
        if (cut > 0)
        {
            tail = num[cut..];
            num = num[..cut];
        }
        var sawNonzero = false;
        foreach (var c in num.AsSpan(1))
        {
            if (c == '.')
            {
                continue;
            }
            sawNonzero |= c != '0';
            if (sawNonzero)
            {
                digits--;
            }
        }
        if (!num.Contains('.'))
        {
            if (num.Length == 2 && num[1] == '0')
            {
                digits--;
            }
            num += ".";
        }
        return num + new string('0', Math.Max(digits, 0)) + tail;
    }

    private void FmtInteger(GoInt value, int verb)
    {
        switch (verb)
        {
            case 'v' or 'd': FmtInteger(value.Value, 10, verb, "0123456789abcdefx"); return;
            case 'b': FmtInteger(value.Value, 2, verb, "0123456789abcdefx"); return;
            case 'o' or 'O': FmtInteger(value.Value, 8, verb, "0123456789abcdefx"); return;
            case 'x': FmtInteger(value.Value, 16, verb, "0123456789abcdefx"); return;
            case 'X': FmtInteger(value.Value, 16, verb, "0123456789ABCDEFX"); return;
            case 'c': Pad(RuneText(value.Value)); return;
            case 'q': Pad(GoText.Quote(RuneText(value.Value), F.Plus, '\'')); return;
            case 'U':
                var u = "U+" + ((ulong)value.Value).ToString("X4", CultureInfo.InvariantCulture);
                Pad(F.Sharp && value.Value is >= 0 and <= 0x10FFFF ? u + " '" + RuneText(value.Value) + "'" : u);
                return;
            default: BadVerb(value, verb); return;
        }
    }

    private static string RuneText(long code) =>
        code is >= 0 and <= 0x10FFFF && Rune.IsValid((int)code) ? char.ConvertFromUtf32((int)code) : "\uFFFD";

    private void FmtInteger(long signed, int numberBase, int verb, string digits)
    {
        var negative = signed < 0;
        var u = negative ? (ulong)(-(signed + 1)) + 1 : (ulong)signed;
        var prec = 0;
        if (F.PrecPresent)
        {
            prec = F.Prec;
            if (prec == 0 && u == 0)
            {
                var oldZero = F.Zero;
                F.Zero = false;
                Pad("");
                F.Zero = oldZero;
                return;
            }
        }
        else if (F.Zero && F.WidPresent)
        {
            prec = F.Wid;
            if (negative || F.Plus || F.Space)
            {
                prec--;
            }
        }
        var sb = new StringBuilder();
        do
        {
            sb.Insert(0, digits[(int)(u % (ulong)numberBase)]);
            u /= (ulong)numberBase;
        }
        while (u > 0);
        if (sb.Length < prec)
        {
            Budget?.CheckOutput(Out.Length + prec);
            sb.Insert(0, "0", prec - sb.Length);
        }
        if (F.Sharp)
        {
            switch (numberBase)
            {
                case 2: sb.Insert(0, "0b"); break;
                case 8 when sb[0] != '0': sb.Insert(0, '0'); break;
                case 16: sb.Insert(0, "0" + digits[16]); break;
            }
        }
        if (verb == 'O')
        {
            sb.Insert(0, "0o");
        }
        if (negative)
        {
            sb.Insert(0, '-');
        }
        else if (F.Plus)
        {
            sb.Insert(0, '+');
        }
        else if (F.Space)
        {
            sb.Insert(0, ' ');
        }
        var zero = F.Zero;
        F.Zero = false;
        Pad(sb.ToString());
        F.Zero = zero;
    }
}
