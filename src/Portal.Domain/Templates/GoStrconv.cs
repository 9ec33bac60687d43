using System.Globalization;
using System.Numerics;
using System.Text;

namespace Portal.Domain.Templates;

/// <summary>
/// Float64 to text exactly as Go's strconv.FormatFloat does it ('e', 'f', 'g', 'b', 'x'), and
/// strconv.ParseFloat. Prometheus prints every sample value through these, so a single differing
/// digit would make the portal's preview disagree with what Prometheus sends to Alertmanager.
/// </summary>
internal static partial class GoStrconv
{
    /// <summary>Decimal digits without leading or trailing zeros; the value is 0.Digits × 10^Point.</summary>
    private readonly record struct Decimal(string Digits, int Point);

    public static string Format(double v, char fmt, int prec)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }
        if (double.IsInfinity(v))
        {
            return v > 0 ? "+Inf" : "-Inf";
        }
        var neg = double.IsNegative(v);
        switch (fmt)
        {
            case 'b':
                return FormatBinary(v, neg);
            case 'x' or 'X':
                return FormatHex(v, fmt, prec, neg);
        }
        var abs = Math.Abs(v);
        var shortest = prec < 0;
        Decimal digs;
        if (shortest)
        {
            digs = Shortest(abs);
            prec = fmt switch
            {
                'e' or 'E' => digs.Digits.Length - 1,
                'f' => Math.Max(digs.Digits.Length - digs.Point, 0),
                _ => digs.Digits.Length,
            };
        }
        else
        {
            var exact = Exact(abs);
            digs = fmt switch
            {
                'e' or 'E' => Round(exact, prec + 1),
                'f' => Round(exact, exact.Point + prec),
                _ => Round(exact, prec == 0 ? 1 : prec),
            };
            if (fmt is 'g' or 'G' && prec == 0)
            {
                prec = 1;
            }
        }
        return FormatDigits(shortest, neg, digs, prec, fmt);
    }

    private static string FormatDigits(bool shortest, bool neg, Decimal digs, int prec, char fmt)
    {
        switch (fmt)
        {
            case 'e' or 'E':
                return FormatE(neg, digs, prec, fmt);
            case 'f':
                return FormatF(neg, digs, prec);
        }
        // %g: exponent form when the exponent is < -4 or >= the precision (6 for shortest).
        var nd = digs.Digits.Length;
        var eprec = prec;
        if (eprec > nd && nd >= digs.Point)
        {
            eprec = nd;
        }
        if (shortest)
        {
            eprec = 6;
        }
        var exp = digs.Point - 1;
        if (exp < -4 || exp >= eprec)
        {
            return FormatE(neg, digs, Math.Min(prec, nd) - 1, fmt == 'g' ? 'e' : 'E');
        }
        if (prec > digs.Point)
        {
            prec = nd;
        }
        return FormatF(neg, digs, Math.Max(prec - digs.Point, 0));
    }

    private static string FormatE(bool neg, Decimal d, int prec, char e)
    {
        var sb = new StringBuilder();
        if (neg)
        {
            sb.Append('-');
        }
        sb.Append(d.Digits.Length == 0 ? '0' : d.Digits[0]);
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                sb.Append(i < d.Digits.Length ? d.Digits[i] : '0');
            }
        }
        var exp = d.Digits.Length == 0 ? 0 : d.Point - 1;
        sb.Append(e).Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        sb.Append(exp < 10 ? "0" + exp : exp.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string FormatF(bool neg, Decimal d, int prec)
    {
        var sb = new StringBuilder();
        if (neg)
        {
            sb.Append('-');
        }
        if (d.Point > 0)
        {
            for (var i = 0; i < d.Point; i++)
            {
                sb.Append(i < d.Digits.Length ? d.Digits[i] : '0');
            }
        }
        else
        {
            sb.Append('0');
        }
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                var j = d.Point + i - 1;
                sb.Append(j >= 0 && j < d.Digits.Length ? d.Digits[j] : '0');
            }
        }
        return sb.ToString();
    }

    /// <summary>The shortest digits that read back as the same double (.NET's "R" is exactly that).</summary>
    private static Decimal Shortest(double abs)
    {
        if (abs == 0)
        {
            return new Decimal("", 0);
        }
        var text = abs.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var intDigits = dot < 0 ? text.Length : dot;
        var all = text.Replace(".", "", StringComparison.Ordinal);
        var lead = all.Length - all.TrimStart('0').Length;
        return new Decimal(all.Trim('0'), intDigits - lead + exponent);
    }

    /// <summary>All decimal digits of the binary value, computed exactly with big integers.</summary>
    private static Decimal Exact(double abs)
    {
        if (abs == 0)
        {
            return new Decimal("", 0);
        }
        var (mant, exp) = Decompose(abs);
        BigInteger n;
        int point;
        if (exp >= 0)
        {
            n = new BigInteger(mant) << exp;
            var s = n.ToString(CultureInfo.InvariantCulture);
            point = s.Length;
            return new Decimal(s.TrimEnd('0'), point);
        }
        n = new BigInteger(mant) * BigInteger.Pow(5, -exp);
        var digits = n.ToString(CultureInfo.InvariantCulture);
        point = digits.Length + exp;
        return new Decimal(digits.TrimEnd('0'), point);
    }

    /// <summary>Rounds to nd digits, half to even on exact ties, like Go's decimal.Round.</summary>
    private static Decimal Round(Decimal d, int nd)
    {
        if (nd < 0 || nd >= d.Digits.Length)
        {
            return d;
        }
        var s = d.Digits;
        bool up;
        if (s[nd] == '5' && nd + 1 == s.Length)
        {
            up = nd > 0 && (s[nd - 1] - '0') % 2 == 1;
        }
        else
        {
            up = s[nd] >= '5';
        }
        if (!up)
        {
            return new Decimal(s[..nd].TrimEnd('0'), d.Point);
        }
        for (var i = nd - 1; i >= 0; i--)
        {
            if (s[i] < '9')
            {
                return new Decimal(s[..i] + (char)(s[i] + 1), d.Point);
            }
        }
        return new Decimal("1", d.Point + 1);
    }

    /// <summary>mant × 2^exp with the implicit leading bit made explicit.</summary>
    private static (long Mant, int Exp) Decompose(double abs)
    {
        var bits = BitConverter.DoubleToInt64Bits(abs);
        var biased = (int)((bits >> 52) & 0x7FF);
        var mant = bits & ((1L << 52) - 1);
        if (biased == 0)
        {
            biased = 1;
        }
        else
        {
            mant |= 1L << 52;
        }
        return (mant, biased - 1075);
    }

    /// <summary>strconv.ParseFloat(s, 64): the error text is Go's, quoting the input.</summary>
    public static bool TryParse(string s, out double value, out string? error)
    {
        error = null;
        value = 0;
        var body = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        var negative = s.StartsWith('-');
        var lower = body.ToLowerInvariant();
        if (lower is "inf" or "infinity")
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (lower == "nan" && body.Length == s.Length)
        {
            value = double.NaN;
            return true;
        }
        if (IsHexSyntax(body))
        {
            value = ParseHex(body.Replace("_", "", StringComparison.Ordinal)) * (negative ? -1 : 1);
            error = double.IsInfinity(value) ? $"strconv.ParseFloat: parsing {GoText.Quote(s)}: value out of range" : null;
            return error is null;
        }
        if (!IsDecimalSyntax(body))
        {
            error = $"strconv.ParseFloat: parsing {GoText.Quote(s)}: invalid syntax";
            return false;
        }
        value = double.Parse(s.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            error = $"strconv.ParseFloat: parsing {GoText.Quote(s)}: value out of range";
            return false;
        }
        return true;
    }

    private static bool IsHexSyntax(string s) =>
        System.Text.RegularExpressions.Regex.IsMatch(s, @"\A0[xX]_?(?:[0-9a-fA-F](?:_?[0-9a-fA-F])*(?:\.(?:[0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?|\.[0-9a-fA-F](?:_?[0-9a-fA-F])*)[pP][+-]?[0-9](?:_?[0-9])*\z");

    /// <summary>0xH.HHHpE: the hexadecimal mantissa scaled by a power of two.</summary>
    private static double ParseHex(string s)
    {
        var p = s.IndexOfAny(['p', 'P']);
        var mantissa = s[2..p];
        var dot = mantissa.IndexOf('.');
        var fractionDigits = dot < 0 ? 0 : mantissa.Length - dot - 1;
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var value = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var exponent = int.Parse(s[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) - 4 * fractionDigits;
        return Math.ScaleB((double)value, exponent);
    }

    private static bool IsDecimalSyntax(string s) =>
        System.Text.RegularExpressions.Regex.IsMatch(s, @"\A(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?\z");
}
