using System.Text;
using System.Text.RegularExpressions;
using Portal.Domain.Catalog;

namespace Portal.Domain.Runbooks;

/// <summary>
/// What a runbook may hold, each limit with the one message that names the field and says how to fix it. The sizes
/// keep every write and every search answer bounded, whoever sends the runbook.
/// </summary>
public static partial class RunbookLimits
{
    /// <summary>1 MB of UTF-8: far above any runbook people read at 3 a.m., low enough that a save stays cheap.</summary>
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxTitle = 200;
    public const int MaxTags = 20;
    public const int MaxTag = 40;
    public const int MinReviewDays = 1;
    public const int MaxReviewDays = 730;
    public const int MaxReason = 500;

    public const string TagRule = "A tag uses lower-case letters, digits, '.', '_' and '-', starts with a letter or digit, at most 40 characters.";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    /// <summary>Tags as stored: trimmed, lower-case, each once, in the order given; empty ones dropped.</summary>
    public static IReadOnlyList<string> NormalizeTags(IEnumerable<string?>? tags) =>
        (tags ?? []).Select(t => (t ?? "").Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every problem of a runbook's fields (tags as <see cref="NormalizeTags"/> leaves them), in field order.</summary>
    public static IReadOnlyList<FieldError> Check(string? slug, string? title, IReadOnlyList<string> tags, string? team, string? body, int? reviewIntervalDays, string? reason = null)
    {
        var errors = new List<FieldError>();
        // Characters the database cannot hold first: anything else said about such a field would only confuse.
        var unstorable = StorableText.Check([("slug", slug), ("title", title), ("team", team), ("body", body), ("reason", reason)])
            .Concat(tags.Select((t, i) => StorableText.Check($"tags[{i}]", t)).OfType<FieldError>())
            .ToList();
        if (unstorable.Count > 0)
        {
            return unstorable;
        }

        if (RunbookSlug.Check(slug) is { } badSlug)
        {
            errors.Add(badSlug);
        }

        errors.AddRange(CheckTitle(title));
        errors.AddRange(CheckTags(tags));
        if (string.IsNullOrWhiteSpace(team))
        {
            errors.Add(new FieldError("team", "Say which team owns the runbook: its Editors may change it."));
        }

        errors.AddRange(CheckBody(body));
        if (CheckReviewInterval(reviewIntervalDays) is { } interval)
        {
            errors.Add(interval);
        }

        if (reason is { Length: > MaxReason })
        {
            errors.Add(new FieldError("reason", $"The reason has {reason.Length} characters; at most {MaxReason}."));
        }

        return errors;
    }

    public static IEnumerable<FieldError> CheckTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            yield return new FieldError("title", "A runbook needs a title: it is what search results and rule links show.");
        }
        else if (title.Length > MaxTitle)
        {
            yield return new FieldError("title", $"The title has {title.Length} characters; at most {MaxTitle}.");
        }
        else if (Marker(title) is { } at)
        {
            yield return MarkerError("title", title, at);
        }
    }

    public static IEnumerable<FieldError> CheckTags(IReadOnlyList<string> tags)
    {
        if (tags.Count > MaxTags)
        {
            yield return new FieldError("tags", $"A runbook has at most {MaxTags} tags; this one has {tags.Count}.");
            yield break;
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (tag.Length > MaxTag || !TagPattern().IsMatch(tag))
            {
                yield return new FieldError($"tags[{i}]", $"\"{(tag.Length <= 60 ? tag : tag[..60] + "…")}\" is not a valid tag. {TagRule}");
            }
        }
    }

    public static IEnumerable<FieldError> CheckBody(string? body)
    {
        if (body is null)
        {
            yield break;
        }

        // Counting stops as soon as the limit is passed: a huge body costs no more than the limit to refuse.
        if (body.Length > MaxBodyBytes || Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            yield return new FieldError("body", $"The body is larger than 1 MB ({MaxBodyBytes:N0} bytes of UTF-8); split the runbook or move long material elsewhere and link to it.");
        }
        else if (Marker(body) is { } at)
        {
            yield return MarkerError("body", body, at);
        }
    }

    public static FieldError? CheckReviewInterval(int? days) => days is { } d && (d < MinReviewDays || d > MaxReviewDays)
        ? new FieldError("reviewIntervalDays", $"The review interval is {d} days; use {MinReviewDays} to {MaxReviewDays} days, or none.")
        : null;

    // The search marks its matches with these two characters (SearchSnippet); a runbook holding them would fake highlights.
    private static int? Marker(string text)
    {
        var at = text.AsSpan().IndexOfAny(SearchSnippet.Start, SearchSnippet.Stop);
        return at < 0 ? null : at;
    }

    private static FieldError MarkerError(string field, string text, int at) =>
        new(field, $"A control character (U+{(int)text[at]:X4}) cannot be stored; remove it.", PromQl.Position.At(text, at));
}
