using System.Globalization;
using Portal.Domain.PromQl;
using Portal.Domain.Tuning;

namespace Portal.Domain.Incidents;

/// <summary>
/// Backtests the rule in force over an incident's window at other thresholds and <c>for</c> values, and prices each
/// alternative by the extra alerts it would have raised over a longer history.
/// </summary>
public static class EarlierDetection
{
    /// <summary>Alternatives offered at most: more would be a table to study, not advice.</summary>
    public const int MaxOptions = 5;

    /// <summary>Thresholds and <c>for</c> values tried at most; each costs a backtest over the whole history.</summary>
    public const int MaxThresholds = 20;

    public const int MaxFors = 5;

    /// <summary>Steps <see cref="Candidates"/> proposes between the threshold and the farthest value seen.</summary>
    public const int CandidateSteps = 10;

    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <param name="window">The rule's series over the incident window, with the rule in force (its threshold, for, interval).</param>
    /// <param name="history">The same query over the history used for the cost (e.g. the last 30 days), same settings.</param>
    /// <param name="thresholds">Alternative thresholds to try; <paramref name="fors"/> alternative <c>for</c> values.</param>
    public static EarlierDetectionReport Evaluate(
        BacktestInput window,
        BacktestInput history,
        IReadOnlyList<double> thresholds,
        IReadOnlyList<TimeSpan> fors)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(fors);
        if (window.Series.Count == 0)
        {
            return EarlierDetectionReport.Unanswered("The rule's query returned no series over the incident window, so there is nothing to backtest.");
        }

        if (FirstFiring(window) is not { } firedMs)
        {
            return EarlierDetectionReport.Unanswered(
                "The rule in force never fired during the incident window, so there is no alert to be earlier than.");
        }

        var firedAt = DateTimeOffset.FromUnixTimeMilliseconds(firedMs);
        var lookedAt = TimeSpan.FromMilliseconds(Math.Max(0, history.EndMs - history.StartMs));
        if (history.Series.Count == 0 || lookedAt <= TimeSpan.Zero)
        {
            return new EarlierDetectionReport(firedAt, [],
                "The rule's query returned nothing over the history, so the cost of alerting earlier cannot be priced.", lookedAt);
        }

        var weeks = lookedAt / Week;
        var baseline = Backtest.Run(history).Total.FiringEpisodes;
        var options = new List<EarlierDetectionOption>();
        var tried = new HashSet<(double, TimeSpan)>();
        foreach (var threshold in thresholds.Where(double.IsFinite).Distinct().Take(MaxThresholds))
        {
            foreach (var forValue in fors.Where(f => f >= TimeSpan.Zero).Distinct().Take(MaxFors))
            {
                if ((threshold == window.Threshold && forValue == window.For) || !tried.Add((threshold, forValue)))
                {
                    continue;
                }

                if (FirstFiring(window with { Threshold = threshold, For = forValue }) is not { } at || at >= firedMs)
                {
                    continue;
                }

                var earlier = TimeSpan.FromMilliseconds(firedMs - at);
                var alerts = Backtest.Run(history with { Threshold = threshold, For = forValue }).Total.FiringEpisodes;
                var extra = (alerts - baseline) / weeks;
                options.Add(new EarlierDetectionOption(threshold, forValue, earlier, extra,
                    Sentence(threshold, forValue, window.For, earlier, extra, lookedAt)));
            }
        }

        var best = options
            .OrderByDescending(o => o.Earlier)
            .ThenBy(o => o.ExtraAlertsPerWeek)
            .ThenBy(o => Math.Abs(o.Threshold - window.Threshold))
            .Take(MaxOptions)
            .ToList();
        var problem = best.Count == 0
            ? "No threshold or for value tried would have fired earlier than the rule in force did."
            : null;
        return new EarlierDetectionReport(firedAt, best, problem, lookedAt);
    }

    /// <summary>
    /// Thresholds worth trying: <see cref="CandidateSteps"/> even steps from the threshold towards the farthest value
    /// the window saw on the quiet side (below it for <c>&gt;</c>, above it for <c>&lt;</c>), rounded to two
    /// significant digits so the sentence reads "at 0.35", nearest first. Equality operators have no direction: none.
    /// </summary>
    public static IReadOnlyList<double> Candidates(TokenKind op, double threshold, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var towardsLower = op is TokenKind.Gtr or TokenKind.Gte;
        if ((!towardsLower && op is not (TokenKind.Lss or TokenKind.Lte)) || !double.IsFinite(threshold))
        {
            return [];
        }

        double? farthest = null;
        foreach (var value in values)
        {
            if (double.IsFinite(value) && (towardsLower ? value < threshold : value > threshold)
                && (farthest is not { } f || (towardsLower ? value < f : value > f)))
            {
                farthest = value;
            }
        }

        if (farthest is not { } end)
        {
            return [];
        }

        var step = (end - threshold) / CandidateSteps;
        var candidates = new List<double>();
        for (var k = 1; k <= CandidateSteps; k++)
        {
            var candidate = TwoSignificantDigits(threshold + (k * step));
            if (candidate != threshold && !candidates.Contains(candidate))
            {
                candidates.Add(candidate);
            }
        }

        return candidates;
    }

    /// <summary><c>for</c> values worth trying: none, half the current one, and the current one.</summary>
    public static IReadOnlyList<TimeSpan> CandidateFors(TimeSpan current)
    {
        var half = TimeSpan.FromSeconds(Math.Floor(current.TotalSeconds / 2));
        return new[] { TimeSpan.Zero, half, current < TimeSpan.Zero ? TimeSpan.Zero : current }.Distinct().ToList();
    }

    private static double TwoSignificantDigits(double value) =>
        double.Parse(value.ToString("G2", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long? FirstFiring(BacktestInput input)
    {
        long? first = null;
        foreach (var series in Backtest.Run(input).Series)
        {
            foreach (var episode in series.Episodes)
            {
                if (episode.FiringSinceMs is { } at && (first is null || at < first))
                {
                    first = at;
                }
            }
        }

        return first;
    }

    private static string Sentence(double threshold, TimeSpan forValue, TimeSpan inForce, TimeSpan earlier, double extra, TimeSpan lookedAt)
    {
        var at = IncidentText.Number(threshold) + (forValue == inForce ? "" : " for " + IncidentText.Duration(forValue));
        var cost = extra switch
        {
            <= 0 => "with no more alerts",
            < 0.05 => "at the cost of less than 0.1 more alerts a week",
            _ => $"at the cost of {extra.ToString("0.0", CultureInfo.InvariantCulture)} more alerts a week",
        };
        return $"At {at} it would have fired {Words(earlier)} earlier, {cost} over the last {Span(lookedAt)}.";
    }

    private static string Words(TimeSpan span)
    {
        static string Count(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";
        var seconds = (long)span.TotalSeconds;
        if (seconds < 60)
        {
            return Count(seconds, "second");
        }

        var minutes = seconds / 60;
        if (minutes < 120)
        {
            return Count(minutes, "minute");
        }

        return minutes % 60 == 0 ? Count(minutes / 60, "hour") : $"{Count(minutes / 60, "hour")} {Count(minutes % 60, "minute")}";
    }

    private static string Span(TimeSpan span)
    {
        var days = (long)Math.Round(span.TotalDays);
        if (days >= 1)
        {
            return days == 1 ? "day" : $"{days.ToString(CultureInfo.InvariantCulture)} days";
        }

        var hours = Math.Max(1, (long)Math.Round(span.TotalHours));
        return hours == 1 ? "hour" : $"{hours.ToString(CultureInfo.InvariantCulture)} hours";
    }
}
