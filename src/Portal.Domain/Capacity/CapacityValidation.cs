using System.Globalization;
using Portal.Domain.Catalog;
using Portal.Domain.PromQl;
using Portal.Domain.Runbooks;

namespace Portal.Domain.Capacity;

/// <summary>
/// Field-level checks of what a user records, each error naming its field (name, usageQuery, limit, warning, critical,
/// marks, unit, runbookSlug, description; for budgets name, total, reserve, components; for baselines service,
/// latencyP95Query, targetP95Seconds, throughputQuery, targetPerSecond).
/// </summary>
/// <remarks>
/// Critical may be up to 1.5 (150 %) of the limit: some limits are soft (an autoscaler's target, a pool a burst may
/// overrun), and teams want their critical line above them. Marks may be up to 2 (200 %) for the same reason, and
/// because a mark is only a drawn line. Warning must be strictly below critical, or the warning band would be empty.
/// </remarks>
public static class CapacityValidation
{
    public const int MaxName = 100;
    public const int MaxQuery = 10_000;
    public const int MaxUnit = 30;
    public const int MaxDescription = 2_000;
    public const int MaxMarks = 10;
    public const int MaxMarkName = 40;
    public const int MaxComponents = 20;
    public const double MaxCritical = 1.5;
    public const double MaxMarkFraction = 2.0;

    public static IReadOnlyList<FieldError> Validate(CapacityModelSpec spec)
    {
        var errors = new List<FieldError>();
        Text(errors, "name", spec.Name, MaxName, "A capacity model needs a name.");
        Query(errors, "usageQuery", spec.UsageQuery, "The usage query is required: it measures what is used now.");
        Limit(errors, "limit", spec.Limit);
        Text(errors, "unit", spec.Unit, MaxUnit, "Say what unit the values are in, such as bytes, connections or series.");
        if (!double.IsFinite(spec.Warning) || spec.Warning <= 0 || spec.Warning >= 1.5)
        {
            errors.Add(new FieldError("warning", $"The warning fraction is {Show(spec.Warning)}; it must be above 0 and below the critical fraction (0.85 is 85 % of the limit)."));
        }
        else if (double.IsFinite(spec.Critical) && spec.Warning >= spec.Critical)
        {
            errors.Add(new FieldError("warning", $"The warning fraction ({Show(spec.Warning)}) must be below the critical fraction ({Show(spec.Critical)})."));
        }

        if (!double.IsFinite(spec.Critical) || spec.Critical <= 0 || spec.Critical > MaxCritical)
        {
            errors.Add(new FieldError("critical", $"The critical fraction is {Show(spec.Critical)}; it must be above 0 and at most {Show(MaxCritical)} (150 % of the limit)."));
        }

        Marks(errors, spec.Marks);
        if (spec.Description is { } description)
        {
            if (description.Length > MaxDescription)
            {
                errors.Add(new FieldError("description", $"The description has {description.Length} characters; at most {MaxDescription}."));
            }
            else if (StorableText.Check("description", description) is { } unstorable)
            {
                errors.Add(unstorable);
            }
        }

        if (!string.IsNullOrEmpty(spec.RunbookSlug) && RunbookSlug.Check(spec.RunbookSlug, "runbookSlug") is { } badSlug)
        {
            errors.Add(badSlug);
        }

        return errors;
    }

    public static IReadOnlyList<FieldError> Validate(MemoryBudgetSpec spec)
    {
        var errors = new List<FieldError>();
        Text(errors, "name", spec.Name, MaxName, "A memory budget needs a name.");
        Limit(errors, "total", spec.Total, "The host's total memory");
        if (!double.IsFinite(spec.ReserveBytes) || spec.ReserveBytes < 0)
        {
            errors.Add(new FieldError("reserve", $"The reserve is {Show(spec.ReserveBytes)} bytes; it must be zero or more."));
        }

        if (spec.Components.Count is 0 or > MaxComponents)
        {
            errors.Add(new FieldError("components", $"A budget has 1 to {MaxComponents} components; this one has {spec.Components.Count}."));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Math.Min(spec.Components.Count, MaxComponents); i++)
        {
            var c = spec.Components[i];
            var label = $"Component {i + 1}" + (string.IsNullOrWhiteSpace(c.Name) ? "" : $" ({Cut(c.Name.Trim())})");
            var inner = new List<FieldError>();
            Text(inner, "name", c.Name, MaxName, "it needs a name.");
            Query(inner, "usageQuery", c.UsageQuery, "it needs a usage query.");
            if (!double.IsFinite(c.BudgetBytes) || c.BudgetBytes <= 0)
            {
                inner.Add(new FieldError("budget", $"its budget is {Show(c.BudgetBytes)} bytes; it must be above zero."));
            }

            if (!string.IsNullOrWhiteSpace(c.Name) && !seen.Add(c.Name.Trim()))
            {
                inner.Add(new FieldError("name", "another component has the same name."));
            }

            errors.AddRange(inner.Select(e => new FieldError("components", $"{label}: {e.Message}", e.Position)));
        }

        return errors;
    }

    public static IReadOnlyList<FieldError> Validate(ServiceBaselineSpec spec)
    {
        var errors = new List<FieldError>();
        Text(errors, "service", spec.Service, MaxName, "A baseline needs the service's name.");
        Query(errors, "latencyP95Query", spec.LatencyP95Query, "The p95 latency query is required.");
        Query(errors, "throughputQuery", spec.ThroughputQuery, "The throughput query is required.");
        if (!double.IsFinite(spec.TargetP95Seconds) || spec.TargetP95Seconds <= 0)
        {
            errors.Add(new FieldError("targetP95Seconds", $"The target p95 is {Show(spec.TargetP95Seconds)} s; it must be above zero."));
        }

        if (!double.IsFinite(spec.TargetPerSecond) || spec.TargetPerSecond <= 0)
        {
            errors.Add(new FieldError("targetPerSecond", $"The target throughput is {Show(spec.TargetPerSecond)}/s; it must be above zero."));
        }

        return errors;
    }

    private static void Limit(List<FieldError> errors, string field, CapacityLimit? limit, string what = "The limit")
    {
        switch (limit)
        {
            case null or { Value: null, Query: null }:
                errors.Add(new FieldError(field, $"{what} is required: a number, or a query whose value it is."));
                break;
            case { Value: not null, Query: not null }:
                errors.Add(new FieldError(field, $"{what} is either a number or a query, not both."));
                break;
            case { Value: { } value }:
                if (!double.IsFinite(value) || value <= 0)
                {
                    errors.Add(new FieldError(field, $"{what} is {Show(value)}; it must be above zero."));
                }

                break;
            default:
                Query(errors, field, limit.Query, $"{what} query is empty.");
                break;
        }
    }

    private static void Query(List<FieldError> errors, string field, string? query, string missing)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            errors.Add(new FieldError(field, missing));
        }
        else if (query.Length > MaxQuery)
        {
            errors.Add(new FieldError(field, $"The query has {query.Length:N0} characters; at most {MaxQuery:N0}."));
        }
        else if (StorableText.Check(field, query) is { } unstorable)
        {
            errors.Add(unstorable);
        }
        else if (PromQlParser.Parse(query).Error is { } parse)
        {
            errors.Add(new FieldError(field, parse.Message, parse.Position));
        }
    }

    private static void Text(List<FieldError> errors, string field, string? text, int max, string missing)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(new FieldError(field, missing));
        }
        else if (trimmed.Length > max)
        {
            errors.Add(new FieldError(field, $"This has {trimmed.Length} characters; at most {max}."));
        }
        else if (StorableText.Check(field, trimmed) is { } unstorable)
        {
            errors.Add(unstorable);
        }
    }

    private static void Marks(List<FieldError> errors, IReadOnlyList<CapacityMark>? marks)
    {
        if (marks is null)
        {
            return;
        }

        if (marks.Count > MaxMarks)
        {
            errors.Add(new FieldError("marks", $"A model has at most {MaxMarks} marks; this one has {marks.Count}."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < marks.Count; i++)
        {
            var mark = marks[i];
            var name = mark?.Name?.Trim();
            var label = $"Mark {i + 1}" + (string.IsNullOrEmpty(name) ? "" : $" ({Cut(name)})");
            if (mark is null || string.IsNullOrEmpty(name))
            {
                errors.Add(new FieldError("marks", $"{label}: it needs a name, such as \"autoscale\" or \"cliff\"."));
                continue;
            }

            if (name.Length > MaxMarkName || StorableText.Find(name) >= 0)
            {
                errors.Add(new FieldError("marks", $"{label}: a mark's name has 1 to {MaxMarkName} ordinary characters."));
            }
            else if (!seen.Add(name))
            {
                errors.Add(new FieldError("marks", $"{label}: another mark has the same name."));
            }

            if (!double.IsFinite(mark.Fraction) || mark.Fraction <= 0 || mark.Fraction > MaxMarkFraction)
            {
                errors.Add(new FieldError("marks", $"{label}: its fraction is {Show(mark.Fraction)}; it must be above 0 and at most {Show(MaxMarkFraction)} (200 % of the limit)."));
            }
        }
    }

    private static string Show(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
