using System.Text;
using Portal.Infrastructure.Runbooks;

namespace Portal.Features.Runbooks;

/// <summary>What the runbook pages say the same way: review dates, and the slug a title suggests.</summary>
public static class RunbookDisplay
{
    /// <summary>The largest body the editor sends to the server, in UTF-8 bytes (the store refuses more anyway).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// When the runbook is due for review: the last review (or, never reviewed, its creation; a store that does not say
    /// when it created one, its last change) plus the interval; null without an interval.
    /// </summary>
    public static DateTimeOffset? ReviewDue(RunbookDetail runbook) =>
        runbook.ReviewDue(runbook.CreatedAt == default ? runbook.UpdatedAt : runbook.CreatedAt);

    public static bool Overdue(DateTimeOffset? due, DateTimeOffset now) => due is { } at && at < now;

    public static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The slug a title suggests: lower-case ASCII letters and digits with single hyphens between words, at most
    /// <paramref name="max"/> characters. Only a suggestion: the store decides what a valid slug is.
    /// </summary>
    public static string SuggestSlug(string? title, int max = 80)
    {
        var slug = new StringBuilder();
        var pendingHyphen = false;
        foreach (var c in (title ?? "").Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingHyphen = false;
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // Accents fall away with their letter kept (é → e); anything else separates words.
                pendingHyphen = true;
            }

            if (slug.Length >= max)
            {
                break;
            }
        }

        return slug.ToString().TrimEnd('-');
    }
}
