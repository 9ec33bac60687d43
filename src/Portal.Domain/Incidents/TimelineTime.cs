using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Domain.Incidents;

/// <summary>
/// The time of a timeline entry as someone types it during an incident: empty for now, a clock time ("14:05", today in
/// UTC, or yesterday when that is still ahead), a time ago ("15m ago", "-2h", "1h30m ago"), or a date and time (UTC unless
/// it names its offset). Times are UTC everywhere in the portal, as in Prometheus.
/// </summary>
public static partial class TimelineTime
{
    /// <summary>Longer text is not a time; it is refused before any parsing.</summary>
    public const int MaxLength = 40;

    /// <summary>How far back "… ago" may reach: past this it is a typing mistake, not an incident.</summary>
    public static readonly TimeSpan MaxAgo = TimeSpan.FromDays(30);

    private const string Example = "14:05, 15m ago, or 2025-03-01 14:05 (UTC)";

    public static (DateTimeOffset? At, string? Problem) Parse(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength)
        {
            return (null, $"Not a time: at most {MaxLength} characters, such as {Example}.");
        }

        now = now.ToUniversalTime();
        if (ClockTime().Match(trimmed) is { Success: true } clock)
        {
            var hours = int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture);
            var seconds = clock.Groups["s"].Success ? int.Parse(clock.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
            if (hours > 23 || minutes > 59 || seconds > 59)
            {
                return (null, $"\"{trimmed}\" is not a clock time; write it as {Example}.");
            }

            var at = new DateTimeOffset(now.Year, now.Month, now.Day, hours, minutes, seconds, TimeSpan.Zero);
            // Typed just after midnight about the evening before: a clock time still ahead is yesterday's.
            return (at > now + TimeSpan.FromMinutes(1) ? at.AddDays(-1) : at, null);
        }

        if (Ago().Match(trimmed) is { Success: true } ago)
        {
            if (!ago.Groups["sign"].Success && !ago.Groups["ago"].Success)
            {
                return (null, $"\"{trimmed}\": say \"{trimmed} ago\" or \"-{trimmed}\" for a time in the past.");
            }

            var span = TimeSpan.Zero;
            foreach (Capture part in ago.Groups["part"].Captures)
            {
                var match = Part().Match(part.Value);
                var amount = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
                var unit = match.Groups["u"].Value[0] switch { 'd' => TimeSpan.FromDays(1), 'h' => TimeSpan.FromHours(1), 'm' => TimeSpan.FromMinutes(1), _ => TimeSpan.FromSeconds(1) };
                if (amount > MaxAgo.Ticks / unit.Ticks || (span += unit * amount) > MaxAgo)
                {
                    return (null, $"\"{trimmed}\" reaches further back than {MaxAgo.TotalDays:0} days; give the date and time instead.");
                }
            }

            return (now - span, null);
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact)
            ? (exact, null)
            : (null, $"\"{trimmed}\" is not a time; write it as {Example}.");
    }

    [GeneratedRegex(@"^(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"^(?<sign>-\s*)?(?<part>\d{1,9}\s*(?:d|days?|h|hours?|m|mins?|minutes?|s|secs?|seconds?)\s*){1,4}(?<ago>ago)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Ago();

    [GeneratedRegex(@"^(?<n>\d+)\s*(?<u>[a-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Part();
}
