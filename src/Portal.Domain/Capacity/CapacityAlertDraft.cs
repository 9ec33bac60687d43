using System.Globalization;
using System.Text;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Capacity;

/// <summary>
/// "Alert on this": the alerting rule a model suggests, disabled until its team has looked at it in the rule editor.
/// It fires when usage stays above the warning fraction of the limit for ten minutes: long enough that a short spike
/// (a backup, a deploy) does not page anyone, short enough to act well before the critical line.
/// </summary>
public static class CapacityAlertDraft
{
    public static readonly PromDuration For = PromDuration.FromMilliseconds(10 * 60 * 1000);

    public static RuleContent Create(CapacityModelSpec spec, string team)
    {
        var limit = spec.Limit.Query is { } query
            ? $"({query.Trim()})"
            : spec.Limit.Value!.Value.ToString("R", CultureInfo.InvariantCulture);
        var expression = $"({spec.UsageQuery.Trim()}) / {limit} > {spec.Warning.ToString("R", CultureInfo.InvariantCulture)}";
        var percent = CapacityRecommendation.Percent(spec.Warning);
        var name = Quote(spec.Name.Trim());
        var labels = LabelMap.Of(("severity", "warning"), ("team", team));
        var annotations = LabelMap.Of(
            ("summary", $"{name} is above {percent} of its limit"),
            ("description", $"{name} has used {{{{ $value | humanizePercentage }}}} of its limit for 10 minutes (warning at {percent}, critical at {CapacityRecommendation.Percent(spec.Critical)}). Drafted from the capacity model of the same name."));
        return new RuleContent(RuleKind.Alerting, AlertName(spec.Name), expression, For, null, labels, annotations, Enabled: false);
    }

    /// <summary>"PostgreSQL connections" → "PostgreSQLConnectionsNearLimit": the usual CamelCase of alert names, letters and digits only.</summary>
    public static string AlertName(string modelName)
    {
        var name = new StringBuilder();
        foreach (var word in System.Text.RegularExpressions.Regex.Split(modelName, "[^A-Za-z0-9]+"))
        {
            if (word.Length > 0 && name.Length < 100)
            {
                name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
            }
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, "Capacity");
        }

        return name.Append("NearLimit").ToString();
    }

    // Templates read {{ as an action; a model name holding braces must come out as the same text, not as a template.
    private static string Quote(string text) => text.Replace("{{", "{ {", StringComparison.Ordinal).Replace("}}", "} }", StringComparison.Ordinal);
}
