using System.Globalization;
using MudBlazor;

namespace Portal.Features.Rules;

/// <summary>How the Rules pages write counts, times, severities and alert frequencies.</summary>
public static class RuleDisplay
{
    public static Color SeverityColor(string severity) => severity switch
    {
        "critical" => Color.Error,
        "warning" => Color.Warning,
        "info" => Color.Info,
        _ => Color.Default,
    };

    /// <summary><see cref="SeverityColor"/> as MudBlazor's class suffix (<c>mud-chip-color-error</c>), for plain elements.</summary>
    public static string SeverityColorName(string severity) => severity switch
    {
        "critical" => "error",
        "warning" => "warning",
        "info" => "info",
        _ => "default",
    };

    public static string FiresText(double? perWeek) => perWeek switch
    {
        null => "—",
        < 10 => perWeek.Value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => perWeek.Value.ToString("0", CultureInfo.InvariantCulture),
    };

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static string Ago(DateTimeOffset at)
    {
        var age = DateTimeOffset.UtcNow - at;
        return age switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min ago",
            { TotalDays: < 1 } => $"{(int)age.TotalHours} h ago",
            { TotalDays: < 30 } => $"{(int)age.TotalDays} d ago",
            _ => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
