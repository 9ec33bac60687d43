using System.Globalization;
using System.Text;

namespace Portal.Domain.Templates;

// %b and %x: the binary mantissa and exponent, in decimal or hexadecimal.
internal static partial class GoStrconv
{
    private static string FormatBinary(double v, bool neg)
    {
        var (mant, exp) = Decompose(Math.Abs(v));
        if (v == 0)
        {
            mant = 0;
            exp = -1074;
        }
        return (neg ? "-" : "") + mant.ToString(CultureInfo.InvariantCulture) + "p" + (exp >= 0 ? "+" : "") +
               exp.ToString(CultureInfo.InvariantCulture);
    }

    private static string FormatHex(double v, char fmt, int prec, bool neg)
    {
        var (m, e) = Decompose(Math.Abs(v));
        var mant = (ulong)m;
        var exp = e + 52;
        if (mant == 0)
        {
            exp = 0;
        }
        // Normalise so the leading 1 sits at bit 60, leaving four-bit groups below it.
        mant <<= 8;
        while (mant != 0 && (mant & (1UL << 60)) == 0)
        {
            mant <<= 1;
            exp--;
        }
        if (prec >= 0 && prec < 15)
        {
            var shift = prec * 4;
            var extra = (mant << shift) & ((1UL << 60) - 1);
            mant >>= 60 - shift;
            if ((extra | (mant & 1)) > 1UL << 59)
            {
                mant++;
            }
            mant <<= 60 - shift;
            if ((mant & (1UL << 61)) != 0)
            {
                mant >>= 1;
                exp++;
            }
        }
        var hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        var sb = new StringBuilder();
        sb.Append(neg ? "-" : "").Append('0').Append(fmt).Append((char)('0' + (int)((mant >> 60) & 1)));
        mant <<= 4;
        if ((prec < 0 && mant != 0) || prec > 0)
        {
            sb.Append('.');
            for (var i = 0; prec < 0 ? mant != 0 : i < prec; i++)
            {
                sb.Append(hex[(int)((mant >> 60) & 15)]);
                mant <<= 4;
            }
        }
        sb.Append(fmt == 'X' ? 'P' : 'p').Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        sb.Append(exp < 10 ? "0" + exp : exp.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
