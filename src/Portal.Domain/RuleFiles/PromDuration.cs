using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Portal.Domain.RuleFiles;

/// <summary>
/// A Prometheus duration such as <c>1y2w3d4h5m6s7ms</c>: whole milliseconds, never negative, printed
/// the way Prometheus prints it so a rendered file reads like one Prometheus would write.
/// </summary>
public readonly record struct PromDuration : IComparable<PromDuration>
{
    private const long MillisecondsPerSecond = 1000;
    private const long MillisecondsPerMinute = 60 * MillisecondsPerSecond;
    private const long MillisecondsPerHour = 60 * MillisecondsPerMinute;
    private const long MillisecondsPerDay = 24 * MillisecondsPerHour;
    private const long MillisecondsPerWeek = 7 * MillisecondsPerDay;
    private const long MillisecondsPerYear = 365 * MillisecondsPerDay;

    /// <summary>Prometheus keeps durations as Go nanoseconds in an int64, so about 292 years is the ceiling.</summary>
    public const long MaxMilliseconds = long.MaxValue / 1_000_000;

    // Largest unit first: Prometheus' grammar demands exactly this order.
    private static readonly (string Unit, long Milliseconds)[] Units =
    [
        ("y", MillisecondsPerYear), ("w", MillisecondsPerWeek), ("d", MillisecondsPerDay), ("h", MillisecondsPerHour),
        ("m", MillisecondsPerMinute), ("s", MillisecondsPerSecond), ("ms", 1),
    ];

    public static readonly PromDuration Zero = default;

    private PromDuration(long milliseconds) => TotalMilliseconds = milliseconds;

    public long TotalMilliseconds { get; }

    public TimeSpan ToTimeSpan() => TimeSpan.FromMilliseconds(TotalMilliseconds);

    public static PromDuration FromMilliseconds(long milliseconds)
    {
        if (milliseconds is < 0 or > MaxMilliseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds,
                $"A Prometheus duration must lie between 0 and {MaxMilliseconds} ms.");
        }

        return new PromDuration(milliseconds);
    }

    public static PromDuration FromTimeSpan(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException("Prometheus durations have millisecond resolution.", nameof(span));
        }

        return FromMilliseconds(span.Ticks / TimeSpan.TicksPerMillisecond);
    }

    public static PromDuration Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    public static bool TryParse(string? text, out PromDuration duration) => TryParse(text, out duration, out _);

    /// <summary>Parses with Prometheus' grammar; <paramref name="error"/> says what is wrong, not only that something is.</summary>
    public static bool TryParse(string? text, out PromDuration duration, [NotNullWhen(false)] out string? error)
    {
        duration = Zero;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty duration string";
            return false;
        }

        // Prometheus accepts a bare zero without a unit, and nothing else without one.
        if (text == "0")
        {
            error = null;
            return true;
        }

        var total = 0L;
        var previousUnit = -1;
        var position = 0;
        while (position < text.Length)
        {
            var digitsStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == digitsStart)
            {
                error = Invalid(text, DescribeMissingNumber(text, position));
                return false;
            }

            // Spans, not substrings: every range and subquery in a parsed expression comes through here.
            var digits = text.AsSpan(digitsStart, position - digitsStart);
            var unitStart = position;
            while (position < text.Length && char.IsAsciiLetter(text[position]))
            {
                position++;
            }

            var unit = text.AsSpan(unitStart, position - unitStart);
            if (unit.Length == 0)
            {
                error = Invalid(text, position < text.Length && text[position] is '.' or ','
                    ? "fractions are not allowed; combine units instead, for example 1m30s"
                    : $"the number {digits} has no unit (use y, w, d, h, m, s or ms)");
                return false;
            }

            var index = IndexOfUnit(unit);
            if (index < 0)
            {
                error = Invalid(text, $"unknown unit \"{unit}\" (use y, w, d, h, m, s or ms)");
                return false;
            }

            if (index == previousUnit)
            {
                error = Invalid(text, $"the unit \"{unit}\" appears twice");
                return false;
            }

            if (index < previousUnit)
            {
                error = Invalid(text, $"units must go from largest to smallest (y, w, d, h, m, s, ms), but \"{unit}\" comes after \"{Units[previousUnit].Unit}\"");
                return false;
            }

            previousUnit = index;
            var perUnit = Units[index].Milliseconds;
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || count > MaxMilliseconds / perUnit
                || (total += count * perUnit) > MaxMilliseconds)
            {
                error = $"duration out of range: \"{text}\" is longer than Prometheus' limit of about 292 years";
                return false;
            }
        }

        duration = new PromDuration(total);
        error = null;
        return true;
    }

    private static int IndexOfUnit(ReadOnlySpan<char> unit)
    {
        for (var i = 0; i < Units.Length; i++)
        {
            if (unit.SequenceEqual(Units[i].Unit))
            {
                return i;
            }
        }

        return -1;
    }

    private static string DescribeMissingNumber(string text, int position) => text[position] switch
    {
        '-' => "negative durations are not allowed",
        ' ' or '\t' => "spaces are not allowed",
        '.' or ',' => "fractions are not allowed; combine units instead, for example 1m30s",
        _ when char.IsAsciiLetter(text[position]) => $"the unit \"{text[position]}\" at position {position + 1} has no number before it",
        _ => $"unexpected character '{text[position]}' at position {position + 1}",
    };

    private static string Invalid(string text, string why) => $"not a valid duration string: \"{text}\": {why}";

    /// <summary>
    /// Prometheus' canonical form: 90s prints as 1m30s, zero as 0s, and years or weeks only when they
    /// divide the duration exactly, because 90d reads better than 12w6d.
    /// </summary>
    public override string ToString()
    {
        if (TotalMilliseconds == 0)
        {
            return "0s";
        }

        var remaining = TotalMilliseconds;
        var text = new StringBuilder();
        foreach (var (unit, perUnit) in Units)
        {
            var exactOnly = unit is "y" or "w";
            if (exactOnly && remaining % perUnit != 0)
            {
                continue;
            }

            var count = remaining / perUnit;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                remaining -= count * perUnit;
            }
        }

        return text.ToString();
    }

    public int CompareTo(PromDuration other) => TotalMilliseconds.CompareTo(other.TotalMilliseconds);

    public static bool operator <(PromDuration left, PromDuration right) => left.CompareTo(right) < 0;

    public static bool operator >(PromDuration left, PromDuration right) => left.CompareTo(right) > 0;

    public static bool operator <=(PromDuration left, PromDuration right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PromDuration left, PromDuration right) => left.CompareTo(right) >= 0;
}
