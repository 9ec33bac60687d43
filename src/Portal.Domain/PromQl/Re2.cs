using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Portal.Domain.PromQl;

/// <summary>
/// Prometheus compiles label-matcher regexes with Go's RE2, which refuses several constructs that
/// .NET accepts. This refuses those first, then lets .NET judge the rest and answer "matches empty?".
/// </summary>
internal static class Re2
{
    private static readonly (Regex Pattern, string Problem)[] Unsupported =
    [
        (new(@"\(\?(=|!|<=|<!)", RegexOptions.CultureInvariant), "invalid or unsupported Perl syntax: lookaround"),
        (new(@"\(\?>", RegexOptions.CultureInvariant), "invalid or unsupported Perl syntax: atomic group"),
        (new(@"\(\?\(", RegexOptions.CultureInvariant), "invalid or unsupported Perl syntax: conditional"),
        (new(@"\(\?<[a-zA-Z]", RegexOptions.CultureInvariant), "invalid named capture: use (?P<name>...)"),
        (new(@"\(\?'", RegexOptions.CultureInvariant), "invalid named capture"),
        (new(@"\(\?(?!P<)(?![imsU]*(-[imsU]*)?[:)])", RegexOptions.CultureInvariant), "invalid or unsupported Perl syntax"),
        (new(@"[*+?}][+]", RegexOptions.CultureInvariant), "invalid nested repetition operator"),
    ];

    private static readonly Regex Escape = new(@"\\(.)", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    // Rule sets repeat a few regexes (`code=~"5.."`, `job=~"api|web"`) thousands of times, and judging one
    // means building a .NET Regex: answers are remembered, bounded like GoRegex's cache. Both questions
    // are pure functions of the pattern, so a remembered answer is the answer.
    private const int MaxCachedPatternLength = 256;
    private const int MaxCachedPatterns = 512;
    private static readonly ConcurrentDictionary<string, string?> CheckCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> MatchesEmptyCache = new(StringComparer.Ordinal);

    public static string? Check(string pattern)
    {
        if (pattern.Length > MaxCachedPatternLength)
        {
            return CheckUncached(pattern);
        }

        if (CheckCache.TryGetValue(pattern, out var known))
        {
            return known;
        }

        var problem = CheckUncached(pattern);
        Remember(CheckCache, pattern, problem);
        return problem;
    }

    public static bool MatchesEmpty(string pattern)
    {
        if (pattern.Length > MaxCachedPatternLength)
        {
            return MatchesEmptyUncached(pattern) ?? false;
        }

        if (MatchesEmptyCache.TryGetValue(pattern, out var known))
        {
            return known;
        }

        // A timed-out answer is a guess that a quieter moment might not need: it is not remembered.
        if (MatchesEmptyUncached(pattern) is not { } matches)
        {
            return false;
        }

        Remember(MatchesEmptyCache, pattern, matches);
        return matches;
    }

    private static void Remember<T>(ConcurrentDictionary<string, T> cache, string pattern, T answer)
    {
        if (cache.Count >= MaxCachedPatterns)
        {
            cache.Clear();
        }

        cache[pattern] = answer;
    }

    private static string? CheckUncached(string pattern)
    {
        var stripped = StripEscapesAndClasses(pattern);
        foreach (var (regex, problem) in Unsupported)
        {
            if (regex.IsMatch(stripped))
            {
                return problem;
            }
        }

        foreach (Match escape in Escape.Matches(pattern))
        {
            var c = escape.Groups[1].Value[0];
            if (char.IsAsciiLetterOrDigit(c) && !"afnrtvxpPdDsSwWbBAzQE01234567".Contains(c))
            {
                return $"invalid escape sequence: `\\{c}`";
            }

            if (c is >= '1' and <= '9' && escape.Index > 0 && !IsOctal(pattern, escape.Index))
            {
                return $"invalid escape sequence: `\\{c}`";
            }
        }

        if (Re2Limits.Check(pattern) is { } limit)
        {
            return limit;
        }

        try
        {
            _ = new Regex("^(?:" + ForDotNet(pattern) + ")$", RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <summary>Null when the match timed out.</summary>
    private static bool? MatchesEmptyUncached(string pattern)
    {
        try
        {
            return Regex.IsMatch("", "^(?:" + ForDotNet(pattern) + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            // Only a hostile pattern takes this long on empty input: an error here would crash the parse, a guess
            // (the caller's false) does not.
            return null;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Unicode scripts RE2 knows by name; .NET only knows blocks, so a script stands in as any letter.
    private static readonly HashSet<string> Scripts = new(StringComparer.Ordinal)
    {
        "Arabic", "Armenian", "Bengali", "Bopomofo", "Braille", "Cherokee", "Common", "Cyrillic", "Devanagari",
        "Ethiopic", "Georgian", "Greek", "Gujarati", "Gurmukhi", "Han", "Hangul", "Hebrew", "Hiragana", "Inherited",
        "Kannada", "Katakana", "Khmer", "Lao", "Latin", "Malayalam", "Mongolian", "Myanmar", "Ogham", "Oriya", "Runic",
        "Sinhala", "Syriac", "Tamil", "Telugu", "Thaana", "Thai", "Tibetan", "Yi",
    };

    private static readonly Regex ScriptClass = new(@"(?<!\\)\\[pP]\{\^?([A-Za-z_]+)\}", RegexOptions.CultureInvariant);

    private static readonly Regex Quoted = new(@"\\Q(.*?)(\\E|$)", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex ShortClass = new(@"(?<!\\)\\([pP])([A-Z])", RegexOptions.CultureInvariant);

    /// <summary>Rewrites the RE2 spellings .NET lacks (\Q..\E, \pL, (?P&lt;n&gt;), scripts) into .NET ones.</summary>
    private static string ForDotNet(string pattern)
    {
        pattern = Quoted.Replace(pattern, m => Regex.Escape(m.Groups[1].Value));
        pattern = ShortClass.Replace(pattern, m => $@"\{m.Groups[1].Value}{{{m.Groups[2].Value}}}");
        pattern = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        return ScriptClass.Replace(pattern, m => Scripts.Contains(m.Groups[1].Value) ? @"\p{L}" : m.Value);
    }

    private static bool IsOctal(string pattern, int backslash) =>
        backslash + 3 < pattern.Length + 1 && pattern.Substring(backslash + 1).Take(3).All(c => c is >= '0' and <= '7')
        && pattern.Length >= backslash + 4;

    /// <summary>Escaped characters and character-class contents cannot start a group, so hide them.</summary>
    private static string StripEscapesAndClasses(string pattern)
    {
        var result = new System.Text.StringBuilder(pattern.Length);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                result.Append("__");
                i++;
                if (i + 1 < pattern.Length && pattern[i] is 'p' or 'P' or 'x' && pattern[i + 1] == '{')
                {
                    while (i < pattern.Length && pattern[i] != '}')
                    {
                        i++;
                    }
                }

                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                result.Append('_');
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    i++;
                }

                result.Append('_');
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
