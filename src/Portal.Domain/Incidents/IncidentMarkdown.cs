using System.Globalization;
using System.Text;

namespace Portal.Domain.Incidents;

/// <summary>An incident as one Markdown file: header facts, the writeup, the threshold in force, timeline and action items.</summary>
/// <remarks>
/// Bounded whatever the incident holds: the writeup stops at <see cref="IncidentLimits.MaxRenderedOutput"/> characters,
/// the timeline and action items at their row limits, every cell at <see cref="IncidentLimits.MaxCellText"/>, and the
/// chart (a file cannot draw one) becomes one row of min / max / last per series.
/// </remarks>
public static class IncidentMarkdown
{
    public static string Export(IncidentDocument incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var md = new StringBuilder();
        md.Append("# ");
        if (incident.Number is { } number)
        {
            md.Append("INC-").Append(number.ToString(CultureInfo.InvariantCulture)).Append(": ");
        }

        IncidentText.AppendCell(md, string.IsNullOrWhiteSpace(incident.Title) ? "(untitled incident)" : incident.Title.Trim());
        md.Append("\n\n");
        AppendFacts(md, incident);
        AppendRule(md, incident.Rule);
        AppendBody(md, incident.Body);
        AppendSectionHeading(md, incident.Body, "Timeline");
        IncidentText.AppendTimeline(md, incident.Timeline);
        md.Append("\n\n");
        AppendSectionHeading(md, incident.Body, "Action items");
        IncidentText.AppendActions(md, incident.Actions);
        md.Append('\n');
        AppendChart(md, incident.Chart);
        return md.ToString();
    }

    private static void AppendSectionHeading(StringBuilder md, string? body, string name)
    {
        var heading = IncidentText.AddedSection(body, name);
        md.Append("## ").Append(heading).Append("\n\n");
        if (heading != name)
        {
            md.Append("_The writeup above has its own ").Append(name.ToLowerInvariant())
                .Append(", written when it was; this is every entry the portal holds now._\n\n");
        }
    }

    private static void AppendFacts(StringBuilder md, IncidentDocument incident)
    {
        var times = incident.Times;
        md.Append("| | |\n|---|---|\n");
        Row(md, "Status", incident.Status.ToString());
        Row(md, "Severity", string.IsNullOrWhiteSpace(incident.Severity) ? "—" : incident.Severity);
        Row(md, "Team", string.IsNullOrWhiteSpace(incident.Team) ? "—" : incident.Team);
        Row(md, "Started", IncidentText.Time(incident.StartedAt));
        Row(md, "Resolved", incident.ResolvedAt is { } resolved ? IncidentText.Time(resolved) : "—");
        if (incident.Alert is { } alert)
        {
            var labels = string.Join(", ", alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""));
            Row(md, "Alert", labels.Length == 0 ? alert.Name : $"{alert.Name} {{{labels}}}");
        }

        var acknowledge = Duration(times.ToAcknowledge);
        if (times.Expected is { } expected)
        {
            var verdict = times.MetExpectation switch
            {
                true => "met",
                false => "missed",
                null => "not yet acknowledged",
            };
            acknowledge += $" (expected within {IncidentClock.Format(expected)}: {verdict})";
        }

        Row(md, "Time to acknowledge", acknowledge);
        Row(md, "Time to mitigate", Duration(times.ToMitigate));
        Row(md, "Time to resolve", Duration(times.ToResolve));
        md.Append('\n');
    }

    private static string Duration(TimeSpan? duration) => duration is { } d ? IncidentClock.Format(d) : "—";

    private static void Row(StringBuilder md, string name, string value)
    {
        md.Append("| ").Append(name).Append(" | ");
        IncidentText.AppendCell(md, value);
        md.Append(" |\n");
    }

    private static void AppendRule(StringBuilder md, RuleFacts? rule)
    {
        md.Append("## Threshold in force\n\n");
        if (rule is null)
        {
            md.Append("_(no rule recorded with this incident)_\n\n");
            return;
        }

        md.Append("Alert **");
        IncidentText.AppendCell(md, rule.AlertName);
        md.Append("**, rule version ").Append(rule.VersionNumber.ToString(CultureInfo.InvariantCulture)).Append(".\n\n");
        AppendFence(md, "promql", rule.Expression);
        md.Append("- Threshold: ")
            .Append(rule.Threshold is { } t ? $"`{Compared(rule.Operator, t)}`" : "_(no single threshold)_")
            .Append("\n- For: ").Append(IncidentText.Duration(rule.For));
        if (rule.KeepFiringFor > TimeSpan.Zero)
        {
            md.Append("\n- Keep firing for: ").Append(IncidentText.Duration(rule.KeepFiringFor));
        }

        md.Append("\n- Evaluated every ").Append(IncidentText.Duration(rule.EvaluationInterval)).Append("\n\n");
    }

    /// <summary>A code fence longer than any run of backticks in the text, so the text cannot close it early.</summary>
    private static void AppendFence(StringBuilder md, string language, string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        md.Append(fence).Append(language).Append('\n').Append(text.TrimEnd('\n', '\r')).Append('\n').Append(fence).Append("\n\n");
    }

    private static void AppendBody(StringBuilder md, string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            md.Append("_(no writeup yet)_\n\n");
            return;
        }

        if (body.Length <= IncidentLimits.MaxRenderedOutput)
        {
            md.Append(body.TrimEnd()).Append("\n\n");
            return;
        }

        md.Append(body, 0, IncidentLimits.MaxRenderedOutput)
            .Append("\n\n_(the writeup is cut here: it is longer than ")
            .Append(IncidentLimits.MaxRenderedOutput.ToString("N0", CultureInfo.InvariantCulture)).Append(" characters)_\n\n");
    }

    private static void AppendChart(StringBuilder md, ChartSnapshot? chart)
    {
        if (chart is null)
        {
            return;
        }

        md.Append("\n## Chart\n\n`");
        IncidentText.AppendCell(md, chart.Query.Replace('`', '\''));
        md.Append('`');
        if (chart.Threshold is { } threshold)
        {
            md.Append(" against the threshold `").Append(Compared(chart.Operator, threshold)).Append('`');
        }

        var points = chart.Series.Count == 0 ? 0 : Math.Min(chart.Series.Max(s => s.Values.Length), ChartSnapshot.MaxPoints);
        if (points > 0)
        {
            var from = DateTimeOffset.FromUnixTimeMilliseconds(chart.StartMs);
            var to = DateTimeOffset.FromUnixTimeMilliseconds(chart.StartMs + ((points - 1) * chart.StepMs));
            md.Append(", from ").Append(IncidentText.Time(from)).Append(" to ").Append(IncidentText.Time(to));
        }

        md.Append(".\n\n");
        if (chart.Series.Count == 0)
        {
            md.Append("_(the query returned no series)_\n");
            return;
        }

        md.Append("| Series | Min | Max | Last |\n|---|---|---|---|\n");
        foreach (var series in chart.Series.Take(ChartSnapshot.MaxSeries))
        {
            double? min = null, max = null, last = null;
            foreach (var value in series.Values.AsSpan(0, Math.Min(series.Values.Length, ChartSnapshot.MaxPoints)))
            {
                if (double.IsNaN(value))
                {
                    continue;
                }

                min = min is { } m && m <= value ? m : value;
                max = max is { } x && x >= value ? x : value;
                last = value;
            }

            md.Append("| ");
            IncidentText.AppendCell(md, string.IsNullOrEmpty(series.Labels) ? "{}" : series.Labels);
            md.Append(" | ").Append(Value(min)).Append(" | ").Append(Value(max)).Append(" | ").Append(Value(last)).Append(" |\n");
        }

        var cut = chart.CutSeries + Math.Max(0, chart.Series.Count - ChartSnapshot.MaxSeries);
        if (cut > 0)
        {
            md.Append("\n_").Append(cut.ToString("N0", CultureInfo.InvariantCulture)).Append(" more series not kept._\n");
        }
    }

    private static string Compared(string? op, double threshold) =>
        string.IsNullOrEmpty(op) ? IncidentText.Number(threshold) : $"{op} {IncidentText.Number(threshold)}";

    private static string Value(double? value) => value is { } v ? IncidentText.Number(v) : "—";
}
