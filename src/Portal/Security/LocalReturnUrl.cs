using System.Text;

namespace Portal.Security;

/// <summary>
/// Where the sign-in page may send a user afterwards: a path of this site, nothing else. A return URL
/// arrives from anyone's link, so whatever it turns into after percent-decoding must still be a local path:
/// no second slash or backslash that a browser reads as another host, no control characters that a
/// browser drops (<c>/%09/evil.example</c> becomes <c>//evil.example</c>). Anything else is <c>/</c>.
/// </summary>
public static class LocalReturnUrl
{
    public const string Fallback = "/";

    // Longer than any page's address; a longer one is not a link the portal made.
    private const int MaximumLength = 2048;

    // Each round undoes one layer of percent-encoding; a URL that still changes after this many is not ours.
    private const int DecodingRounds = 4;

    public static string Of(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaximumLength || url.Any(char.IsWhiteSpace))
        {
            return Fallback;
        }

        var decoded = url;
        for (var round = 0; ; round++)
        {
            if (!IsLocalPath(decoded))
            {
                return Fallback;
            }

            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                return AsciiOnly(url);
            }

            if (round == DecodingRounds)
            {
                return Fallback;
            }

            decoded = next;
        }
    }

    private static bool IsLocalPath(string path) =>
        path.Length > 0 && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(c => c == '\\' || char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF');

    /// <summary>A response header takes ASCII only: other characters go percent-encoded as UTF-8.</summary>
    private static string AsciiOnly(string url)
    {
        if (url.All(char.IsAscii))
        {
            return url;
        }

        var builder = new StringBuilder(url.Length * 2);
        foreach (var c in url)
        {
            if (char.IsAscii(c))
            {
                builder.Append(c);
                continue;
            }

            foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
