using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Domain.Catalog;

namespace Portal.Domain.Runbooks;

/// <summary>
/// The slug is the runbook's address (<c>/runbooks/{slug}</c>) and ends up in every published <c>runbook_url</c>, so it
/// keeps to characters that need no escaping anywhere: lower-case letters, digits and single hyphens between them.
/// </summary>
public static partial class RunbookSlug
{
    public const int MaxLength = 80;

    public const string Rule =
        "A slug uses lower-case letters a-z, digits and single hyphens between them (no hyphen first or last), at most 80 characters.";

    /// <summary>Addresses under /runbooks/ that are the portal's own pages, not runbooks.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "new", "health", "search", "import" };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? slug) => slug is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(slug);

    /// <summary>Null when <paramref name="slug"/> may be a runbook's slug; otherwise what is wrong and how to fix it.</summary>
    public static FieldError? Check(string? slug, string field = "slug")
    {
        if (string.IsNullOrEmpty(slug))
        {
            return new FieldError(field, "A runbook needs a slug: it is the last part of the runbook's address. " + Rule);
        }

        if (slug.Length > MaxLength)
        {
            return new FieldError(field, $"The slug has {slug.Length} characters. {Rule}");
        }

        if (Reserved.Contains(slug))
        {
            return new FieldError(field, $"\"{slug}\" is the address of one of the portal's own pages (/runbooks/{slug}); choose another slug.");
        }

        return IsValid(slug) ? null : new FieldError(field, $"\"{Shown(slug)}\" is not a valid slug. {Rule}");
    }

    /// <summary>
    /// A valid slug made from a title: accents dropped, everything else that is not a letter or digit becomes a hyphen,
    /// cut at a word boundary within <see cref="MaxLength"/>. A title with nothing usable gives "runbook".
    /// </summary>
    public static string Suggest(string? title)
    {
        var text = new StringBuilder(MaxLength);
        var hyphen = false;
        foreach (var c in (title ?? "").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (hyphen && text.Length > 0)
                {
                    text.Append('-');
                }

                text.Append(lower);
                hyphen = false;
            }
            else
            {
                hyphen = true;
            }

            // Enough has been read: a longer title only gets cut below.
            if (text.Length > MaxLength)
            {
                break;
            }
        }

        var slug = text.ToString();
        if (slug.Length > MaxLength)
        {
            var cut = slug.LastIndexOf('-', MaxLength);
            slug = cut > 0 ? slug[..cut] : slug[..MaxLength];
        }

        return slug.Length == 0 ? "runbook" : Reserved.Contains(slug) ? slug + "-runbook" : slug;
    }

    // A refused slug is quoted back, but never a whole megabyte of it.
    private static string Shown(string slug) => slug.Length <= 100 ? slug : slug[..100] + "…";
}
