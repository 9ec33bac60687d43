using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Domain.Templates;

/// <summary>
/// Go's regexp (RE2 syntax) on .NET: the pattern is translated so that \d, \w, \s, \b and $ keep
/// their RE2 (ASCII, end-of-text) meaning, groups keep RE2 numbering, and what RE2 rejects
/// (backreferences, lookaround) is rejected; replacement follows Go's ReplaceAllString and Expand.
/// </summary>
internal static partial class GoRegex
{
    private const string Word = "0-9A-Za-z_";
    private static readonly ConcurrentDictionary<string, Compiled> Cache = new(StringComparer.Ordinal);

    private sealed record Compiled(Regex Regex, IReadOnlyDictionary<string, int> Names, string? Error);

    public static bool Match(string pattern, string text, TemplateBudget? budget = null)
    {
        var compiled = Compile(pattern);
        if (compiled.Error is not null)
        {
            throw new GoFunctionException("error parsing regexp: " + compiled.Error);
        }
        return Run(() => compiled.Regex.IsMatch(text), budget);
    }

    public static string ReplaceAll(string pattern, string replacement, string text, TemplateBudget? budget = null)
    {
        var compiled = Compile(pattern);
        if (compiled.Error is not null)
        {
            // Prometheus uses regexp.MustCompile; the template engine turns its panic into this error.
            var quoted = GoText.CanBackquote(pattern) ? "`" + pattern + "`" : GoText.Quote(pattern);
            throw new GoFunctionException($"regexp: Compile({quoted}): error parsing regexp: {compiled.Error}");
        }
        return Run(() => Replace(compiled, replacement, text, budget), budget);
    }

    private static T Run<T>(Func<T> match, TemplateBudget? budget)
    {
        try
        {
            return budget is null ? match() : budget.TimeRegex(match);
        }
        catch (RegexMatchTimeoutException)
        {
            // RE2 runs in linear time; .NET backtracks. Refuse rather than hang the page.
            throw new GoFunctionException("regular expression took too long to evaluate");
        }
    }

    /// <summary>Go's replaceAll loop: an empty match right after a match is not replaced.</summary>
    private static string Replace(Compiled compiled, string replacement, string text, TemplateBudget? budget)
    {
        var sb = new StringBuilder();
        var lastMatchEnd = 0;
        var searchPos = 0;
        while (searchPos <= text.Length)
        {
            var m = compiled.Regex.Match(text, searchPos);
            if (!m.Success)
            {
                break;
            }
            var (start, end) = (m.Index, m.Index + m.Length);
            sb.Append(text, lastMatchEnd, start - lastMatchEnd);
            if (end > lastMatchEnd || start == 0)
            {
                Expand(sb, replacement, m, compiled.Names, budget);
            }
            lastMatchEnd = end;
            var width = searchPos < text.Length ? (char.IsHighSurrogate(text[searchPos]) ? 2 : 1) : 0;
            searchPos = searchPos + width > end ? searchPos + width : searchPos + 1 > end ? searchPos + 1 : end;
        }
        budget?.CheckOutput(sb.Length + text.Length - lastMatchEnd);
        sb.Append(text, lastMatchEnd, text.Length - lastMatchEnd);
        return sb.ToString();
    }

    /// <summary>Go's Regexp.Expand: $1, ${1}, $name, ${name}; "$1x" names group "1x"; "$$" is "$".</summary>
    private static void Expand(StringBuilder sb, string template, Match m, IReadOnlyDictionary<string, int> names, TemplateBudget? budget)
    {
        var i = 0;
        while (i < template.Length)
        {
            var dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                break;
            }
            sb.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            var brace = i < template.Length && template[i] == '{';
            var nameStart = brace ? i + 1 : i;
            var nameEnd = nameStart;
            while (nameEnd < template.Length && (char.IsLetterOrDigit(template[nameEnd]) || template[nameEnd] == '_'))
            {
                nameEnd++;
            }
            if (nameEnd == nameStart || (brace && (nameEnd >= template.Length || template[nameEnd] != '}')))
            {
                sb.Append('$');
                continue;
            }
            var name = template[nameStart..nameEnd];
            i = brace ? nameEnd + 1 : nameEnd;
            var isNumber = name.All(char.IsAsciiDigit) && name.Length <= 8 && !(name[0] == '0' && name.Length > 1);
            var group = isNumber ? int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)
                : names.TryGetValue(name, out var index) ? index : -1;
            if (group >= 0 && group < m.Groups.Count && m.Groups[group].Success)
            {
                // "$0$0$0..." repeats the match once per reference: the growth is checked per reference.
                budget?.CheckOutput(sb.Length + m.Groups[group].Length);
                sb.Append(m.Groups[group].Value);
            }
        }
        sb.Append(template, i, template.Length - i);
        budget?.CheckOutput(sb.Length);
    }

    private static Compiled Compile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }
        Compiled compiled;
        try
        {
            var (translated, names) = Translate(pattern);
            var regex = new Regex(translated, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            compiled = new Compiled(regex, names, null);
        }
        catch (GoRegexSyntaxException e)
        {
            compiled = new Compiled(null!, new Dictionary<string, int>(), e.Message);
        }
        catch (RegexParseException e)
        {
            compiled = new Compiled(null!, new Dictionary<string, int>(), DescribeError(e, pattern));
        }
        if (Cache.Count > 512)
        {
            Cache.Clear();
        }
        Cache[pattern] = compiled;
        return compiled;
    }

    /// <summary>Go's wording for the syntax errors .NET also detects.</summary>
    private static string DescribeError(RegexParseException e, string pattern) => e.Error switch
    {
        RegexParseError.InsufficientClosingParentheses => $"missing closing ): `{pattern}`",
        RegexParseError.InsufficientOpeningParentheses => $"unexpected ): `{pattern}`",
        RegexParseError.UnterminatedBracket => $"missing closing ]: `{pattern[pattern.LastIndexOf('[')..]}`",
        RegexParseError.QuantifierAfterNothing => $"missing argument to repetition operator: `{pattern}`",
        RegexParseError.NestedQuantifiersNotParenthesized => $"invalid nested repetition operator: `{pattern}`",
        RegexParseError.ReversedCharacterRange => $"invalid character class range: `{pattern}`",
        RegexParseError.ReversedQuantifierRange => $"invalid repeat count: `{pattern}`",
        RegexParseError.UnescapedEndingBackslash => "trailing backslash at end of expression: ``",
        _ => $"invalid regular expression: `{pattern}`",
    };

    private sealed class GoRegexSyntaxException(string message) : Exception(message);
}
