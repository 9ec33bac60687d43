using System.Globalization;
using System.Text;
using Portal.Domain.Catalog;

namespace Portal.Infrastructure.Audit;

/// <summary>
/// Makes any text fit an audit column, so that recording a refusal never fails whatever the refused input
/// was: characters PostgreSQL cannot store become U+FFFD, and text longer than the column is cut with a
/// marker saying how many characters were left out ("…(+123 chars)").
/// </summary>
public static class AuditText
{
    public static string Fit(string value, int max)
    {
        value = StorableText.Replace(value);
        if (value.Length <= max)
        {
            return value;
        }

        // The marker's length depends on the count it shows, which depends on how much the marker displaces.
        var keep = max;
        for (var round = 0; round < 3; round++)
        {
            keep = Math.Max(0, max - Marker(value.Length - keep).Length);
        }

        if (keep > 0 && char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }

        var marked = value[..keep] + Marker(value.Length - keep);
        return marked.Length <= max ? marked : marked[..max];
    }

    public static string Marker(int cut) => $"…(+{cut.ToString(CultureInfo.InvariantCulture)} chars)";

    /// <summary>
    /// JSON whose strings PostgreSQL's jsonb accepts: the serializer writes U+0000 and lone surrogates as
    /// <c>\uXXXX</c> escapes, which jsonb refuses; they become <c>\uFFFD</c>.
    /// </summary>
    public static string Json(string json)
    {
        json = StorableText.Replace(json);
        if (!json.Contains("\\u", StringComparison.Ordinal))
        {
            return json;
        }

        var text = new StringBuilder(json.Length);
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || i + 1 >= json.Length)
            {
                text.Append(json[i]);
                continue;
            }

            if (json[i + 1] != 'u' || !TryEscape(json, i, out var unit))
            {
                // Any other escape (\\, \", \n, ...) is copied whole, so its second character is not read as a start.
                text.Append(json, i, 2);
                i++;
                continue;
            }

            var paired = char.IsHighSurrogate(unit) && TryEscape(json, i + 6, out var low) && char.IsLowSurrogate(low);
            if (paired)
            {
                text.Append(json, i, 12);
                i += 11;
            }
            else
            {
                text.Append(unit == '\0' || char.IsSurrogate(unit) ? "\\uFFFD" : json.Substring(i, 6));
                i += 5;
            }
        }

        return text.ToString();
    }

    private static bool TryEscape(string json, int at, out char unit)
    {
        unit = '\0';
        if (at + 6 > json.Length || json[at] != '\\' || json[at + 1] != 'u'
            || !ushort.TryParse(json.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        unit = (char)code;
        return true;
    }
}
