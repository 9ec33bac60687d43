using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Incidents;
using Portal.Domain.Queries;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Incidents;

/// <summary>The firing and resolving of the rule's alert and of alerts on the same instance, job or service, read from <c>ALERTS</c>.</summary>
internal sealed partial class IncidentEvidenceGatherer
{
    /// <summary>One query_range covers at most this much; longer windows are read in pieces of it.</summary>
    public static readonly TimeSpan AlertChunk = TimeSpan.FromHours(24);

    /// <summary>The longest window read from <c>ALERTS</c> (from its start: the beginning of an incident matters most).</summary>
    public static readonly TimeSpan MaxAlertWindow = TimeSpan.FromDays(7);

    /// <summary>Series kept per query (the rule's own alert; the related ones); the rest are counted and said.</summary>
    public const int MaxAlertSeries = 50;

    /// <summary>Steps per window at most: fine enough to place a firing within minutes over a day.</summary>
    private const int AlertSteps = 1_000;

    /// <summary>A label value longer than this is not put into a selector (it would only make the query large).</summary>
    private const int MaxSelectorValue = 1_024;

    /// <summary>The labels that make another alert related to the incident's one.</summary>
    private static readonly string[] RelatedBy = ["instance", "job", "service"];

    internal sealed record AlertTimeline(IReadOnlyList<TimelineEntry> Entries, string? Note);

    internal async Task<AlertTimeline> TimelineAsync(RuleFacts? rule, AlertFacts? alert, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var name = rule?.AlertName ?? alert?.Name;
        if (string.IsNullOrEmpty(name) || to <= from)
        {
            return new AlertTimeline([], null);
        }

        var notes = new List<string>();
        if (to - from > MaxAlertWindow)
        {
            notes.Add($"Alert history was read for the first {MaxAlertWindow.TotalDays:0} days of the window only.");
            to = from + MaxAlertWindow;
        }

        var own = $"ALERTS{{alertstate=\"firing\",alertname={Quote(name)}}}";
        var related = RelatedSelectors(name, alert?.Labels, notes);
        var interval = rule?.EvaluationInterval ?? DefaultInterval;
        var step = WholeSeconds(TimeSpan.FromTicks(Math.Max(interval.Ticks, (to - from).Ticks / AlertSteps)));

        var ownTask = ReadAlertsAsync(own, from, to, step, ct);
        var relatedTask = related is null ? Task.FromResult((Series: new Dictionary<string, Stretchable>(), Cut: 0)) : ReadAlertsAsync(related, from, to, step, ct);
        var (ownSeries, ownCut) = await ownTask;
        var (relatedSeries, relatedCut) = await relatedTask;
        if (ownCut + relatedCut > 0)
        {
            notes.Add($"{ownCut + relatedCut} more alert series not shown (at most {MaxAlertSeries} of the rule's alert and {MaxAlertSeries} related ones are read).");
        }

        var entries = ownSeries.Values.Concat(relatedSeries.Values.Where(s => !ownSeries.ContainsKey(s.Key)))
            .SelectMany(s => Stretches(s, step))
            .OrderBy(e => e.At).ThenBy(e => e.Kind).ThenBy(e => e.Text, StringComparer.Ordinal)
            .ToList();
        return new AlertTimeline(entries, notes.Count == 0 ? null : string.Join(" ", notes));
    }

    /// <summary>Steps in whole seconds, as rule intervals are: step-aligned pieces then meet exactly.</summary>
    private static TimeSpan WholeSeconds(TimeSpan step) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(step.TotalSeconds)));

    /// <summary>
    /// <c>ALERTS</c> of other alerts sharing the alert's instance, job or service (one <c>or</c> of selectors, so a series
    /// matching two of them comes once); null when the alert has none of those labels.
    /// </summary>
    private static string? RelatedSelectors(string name, IReadOnlyDictionary<string, string>? labels, List<string> notes)
    {
        if (labels is null)
        {
            return null;
        }

        var selectors = new List<string>();
        foreach (var label in RelatedBy)
        {
            if (!labels.TryGetValue(label, out var value) || value.Length == 0)
            {
                continue;
            }

            if (value.Length > MaxSelectorValue)
            {
                notes.Add($"Alerts sharing {label} were not looked for: its value is longer than {MaxSelectorValue:N0} characters.");
                continue;
            }

            selectors.Add($"ALERTS{{alertstate=\"firing\",alertname!={Quote(name)},{label}={Quote(value)}}}");
        }

        return selectors.Count == 0 ? null : string.Join(" or ", selectors);
    }

    /// <summary>
    /// A PromQL string literal for any text: quotes and backslashes escaped, control characters as \x escapes, lone
    /// surrogates (which no label value can hold) as U+FFFD. Nothing the value holds can end the string early.
    /// </summary>
    internal static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '"' or '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < 0x20 || c == 0x7F)
            {
                sb.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                });
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>One alert series' samples over the whole window, its pieces joined (a step at a piece's edge is read twice).</summary>
    private sealed class Stretchable(string key, IReadOnlyDictionary<string, string> labels)
    {
        public string Key { get; } = key;

        public IReadOnlyDictionary<string, string> Labels { get; } = labels;

        public SortedSet<DateTimeOffset> Times { get; } = [];

        /// <summary>The last step asked for: a series present there is still firing.</summary>
        public DateTimeOffset End { get; set; }
    }

    private async Task<(Dictionary<string, Stretchable> Series, int Cut)> ReadAlertsAsync(string query, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken ct)
    {
        var series = new Dictionary<string, Stretchable>(StringComparer.Ordinal);
        var cut = 0;
        var end = from;
        for (var start = from; start < to; start = end)
        {
            end = start + AlertChunk < to ? start + AlertChunk : to;
            // Steps are aligned down, so a piece ending at `to` would stop up to a step before it, and an alert that
            // began firing in that last step (when most incidents are started) would be missing. The last piece asks
            // one step further; what Prometheus answers there is as of now, and is kept as at `to`.
            var planned = RangePlan.Choose(start, end == to ? to + step : end, step);
            var plan = planned.Plan ?? throw new PrometheusException(PrometheusErrorKind.BadData, planned.Problem!);
            var result = await prometheus.QueryRangeAsync(query, plan, MaxAlertSeries, ct);
            cut = Math.Max(cut, result.CutSeries);
            foreach (var s in result.Series)
            {
                var labels = s.Labels.Where(l => l.Key is not ("__name__" or "alertstate")).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
                var key = string.Join("\n", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
                if (!series.TryGetValue(key, out var known))
                {
                    // Pieces after the first may name series the bound left out before; the bound holds over the whole window.
                    if (series.Count >= MaxAlertSeries)
                    {
                        continue;
                    }

                    series[key] = known = new Stretchable(key, labels);
                }

                foreach (var (at, _) in s.Samples)
                {
                    known.Times.Add(at > to ? to : at);
                }
            }

            foreach (var known in series.Values)
            {
                known.End = plan.End > to ? to : plan.End;
            }
        }

        return (series, cut);
    }

    /// <summary>
    /// Each run of consecutive steps where the series is present is one firing: it fired at the run's first step and
    /// resolved at the step after its last (the rule stopped producing it in between). A run reaching the last step
    /// is still firing and has no resolved entry.
    /// </summary>
    private static IEnumerable<TimelineEntry> Stretches(Stretchable series, TimeSpan step)
    {
        var name = series.Labels.GetValueOrDefault("alertname") ?? "ALERTS";
        var detail = string.Join(", ", new[] { "instance", "severity" }
            .Where(series.Labels.ContainsKey).Select(l => $"{l}={series.Labels[l]}"));
        var suffix = detail.Length == 0 ? "" : $" ({detail})";
        DateTimeOffset? begun = null;
        DateTimeOffset previous = default;
        foreach (var at in series.Times)
        {
            if (begun is null)
            {
                begun = at;
            }
            else if (at - previous > step + step / 2)
            {
                yield return Entry(series.Key, begun.Value, TimelineKind.AlertFiring, $"{name} firing{suffix}");
                yield return Entry(series.Key, previous + step, TimelineKind.AlertResolved, $"{name} resolved{suffix}");
                begun = at;
            }

            previous = at;
        }

        if (begun is { } last)
        {
            yield return Entry(series.Key, last, TimelineKind.AlertFiring, $"{name} firing{suffix}");
            if (previous + step / 2 < series.End)
            {
                // Gone by the last step read: resolved within the step after it was last seen, and not after that end.
                var resolved = previous + step < series.End ? previous + step : series.End;
                yield return Entry(series.Key, resolved, TimelineKind.AlertResolved, $"{name} resolved{suffix}");
            }
        }
    }

    /// <summary>
    /// The id is made from the series, the kind and the time, so that reading the same window again ("refresh from
    /// ALERTS") gives the same ids and a store can tell entries it already holds.
    /// </summary>
    private static TimelineEntry Entry(string key, DateTimeOffset at, TimelineKind kind, string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{kind}\n{at.ToUnixTimeMilliseconds()}"));
        return new TimelineEntry(new Guid(hash.AsSpan(0, 16)), at, kind, text, Automatic: true, By: null);
    }
}
