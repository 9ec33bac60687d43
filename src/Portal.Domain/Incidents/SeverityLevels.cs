using Portal.Domain.Catalog;

namespace Portal.Domain.Incidents;

/// <summary>The severity levels' rules: the starter set, mapping an alert's <c>severity</c> label, validation.</summary>
public static class SeverityLevels
{
    public const int MaxLevels = 20;
    public const int MaxName = 40;
    public const int MaxDescription = 500;
    public static readonly TimeSpan MaxExpectedResponse = TimeSpan.FromDays(7);

    /// <summary>SEV-1 (respond at once), SEV-2 (15 minutes), SEV-3 (1 hour), mapped from critical / warning / info.</summary>
    public static IReadOnlyList<SeverityLevel> Starter { get; } =
    [
        // "Immediate" cannot be a zero response time (a clock that is always late says nothing). Five minutes is
        // about what it takes a paged person to get to a laptop and say "I am on it": later than that is a miss.
        new("SEV-1", "The service is down or wrong for most users, data is being lost or corrupted, or there is a security breach. Everyone needed drops what they are doing.",
            TimeSpan.FromMinutes(5), ["critical"], 1),
        new("SEV-2", "A large part of the service is slow or failing, or one important feature is out. Users notice; a workaround may exist.",
            TimeSpan.FromMinutes(15), ["warning"], 2),
        new("SEV-3", "Minor or intermittent trouble with little user impact: worth fixing during working hours, before it grows.",
            TimeSpan.FromHours(1), ["info"], 3),
    ];

    /// <summary>The level an alert's severity label maps to (case-insensitive); the least grave level when none does.</summary>
    public static SeverityLevel? ForLabel(IReadOnlyList<SeverityLevel> levels, string? labelValue)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count == 0)
        {
            return null;
        }

        var value = labelValue?.Trim();
        if (!string.IsNullOrEmpty(value))
        {
            var mapped = levels.Where(l => l.LabelValues.Any(v => string.Equals(v.Trim(), value, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(l => l.Rank).FirstOrDefault();
            if (mapped is not null)
            {
                return mapped;
            }
        }

        // An unknown label must not page as the gravest level; the least grave one still puts the incident on record.
        return levels.MaxBy(l => l.Rank);
    }

    /// <summary>Problems of a whole set: names unique and non-empty, a label value mapped at most once, response time positive.</summary>
    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<SeverityLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var errors = new List<FieldError>();
        if (levels.Count == 0)
        {
            errors.Add(new FieldError("levels", "Keep at least one severity level: every incident needs one."));
            return errors;
        }

        if (levels.Count > MaxLevels)
        {
            errors.Add(new FieldError("levels", $"There are {levels.Count} severity levels; at most {MaxLevels}."));
            return errors;
        }

        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ranks = new Dictionary<int, int>();
        var labels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            var at = $"levels[{i}]";
            var name = level.Name?.Trim() ?? "";
            if (name.Length == 0)
            {
                errors.Add(new FieldError($"{at}.name", "A severity level needs a name, e.g. SEV-2."));
            }
            else if (name.Length > MaxName)
            {
                errors.Add(new FieldError($"{at}.name", $"The name has {name.Length} characters; at most {MaxName}."));
            }
            else if (!names.TryAdd(name, i))
            {
                errors.Add(new FieldError($"{at}.name", $"\"{name}\" is already the name of levels[{names[name]}]; names must differ."));
            }

            if ((level.Description?.Length ?? 0) > MaxDescription)
            {
                errors.Add(new FieldError($"{at}.description", $"The description has {level.Description!.Length} characters; at most {MaxDescription}."));
            }

            if (level.ExpectedResponse <= TimeSpan.Zero || level.ExpectedResponse > MaxExpectedResponse)
            {
                errors.Add(new FieldError($"{at}.expectedResponse",
                    $"The expected response time is {IncidentClock.Format(level.ExpectedResponse)}; use more than zero and at most 7 days."));
            }

            if (!ranks.TryAdd(level.Rank, i))
            {
                errors.Add(new FieldError($"{at}.rank", $"Rank {level.Rank} is already taken by levels[{ranks[level.Rank]}]; ranks must differ."));
            }

            foreach (var value in level.LabelValues ?? [])
            {
                var label = value?.Trim() ?? "";
                if (label.Length == 0)
                {
                    errors.Add(new FieldError($"{at}.labelValues", "A label value cannot be empty."));
                }
                else if (!labels.TryAdd(label, i))
                {
                    errors.Add(new FieldError($"{at}.labelValues",
                        labels[label] == i
                            ? $"\"{label}\" is listed twice."
                            : $"\"{label}\" already maps to levels[{labels[label]}]; a label value maps to one level only."));
                }
            }
        }

        return errors;
    }
}
