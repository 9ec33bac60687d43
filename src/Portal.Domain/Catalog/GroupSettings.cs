using Portal.Domain.RuleFiles;

namespace Portal.Domain.Catalog;

/// <summary>
/// What a rule group's name, interval and limit must be. The editor, the API and the store all ask here,
/// so a person gets the same sentence wherever they type the same mistake.
/// </summary>
public static class GroupSettings
{
    /// <summary>The size of the rule_groups.name column.</summary>
    public const int MaxNameLength = 400;

    /// <summary>Checks settings as typed: the interval is text that must parse as a Prometheus duration.</summary>
    public static IReadOnlyList<FieldError> Check(string? name, string? intervalText, int? limit, TimeSpan minimumInterval, out PromDuration? interval)
    {
        interval = null;
        var errors = new List<FieldError>();
        CheckName(name, errors);
        if (!string.IsNullOrWhiteSpace(intervalText))
        {
            if (PromDuration.TryParse(intervalText.Trim(), out var parsed, out var error))
            {
                interval = parsed;
                CheckInterval(parsed, minimumInterval, errors);
            }
            else
            {
                errors.Add(new FieldError("interval", error));
            }
        }

        CheckLimit(limit, errors);
        return errors;
    }

    /// <summary>Checks settings already parsed (what a store receives).</summary>
    public static IReadOnlyList<FieldError> Check(string? name, PromDuration? interval, int? limit, TimeSpan minimumInterval)
    {
        var errors = new List<FieldError>();
        CheckName(name, errors);
        CheckInterval(interval, minimumInterval, errors);
        CheckLimit(limit, errors);
        return errors;
    }

    private static void CheckName(string? name, List<FieldError> errors)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add(new FieldError("name", "A group needs a name."));
        }
        else if (trimmed.Length > MaxNameLength)
        {
            errors.Add(new FieldError("name", $"A group name has at most {MaxNameLength} characters; this one has {trimmed.Length}."));
        }
    }

    private static void CheckInterval(PromDuration? interval, TimeSpan minimum, List<FieldError> errors)
    {
        if (GroupIntervals.BelowMinimum(interval, minimum) is { } low)
        {
            errors.Add(new FieldError("interval", $"The {low}."));
        }
    }

    private static void CheckLimit(int? limit, List<FieldError> errors)
    {
        if (limit is < 0)
        {
            errors.Add(new FieldError("limit", "A limit cannot be negative; leave it empty (or 0) for no limit."));
        }
    }
}
