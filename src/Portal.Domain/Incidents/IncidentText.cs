using System.Globalization;
using System.Text;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Incidents;

/// <summary>How incident values read in writeups and exports: UTC times, Prometheus durations, numbers, table cells.</summary>
public static class IncidentText
{
    /// <summary>Times in one zone and one shape, so a writeup read in another office says the same thing.</summary>
    /// <summary>
    /// The heading for a section the export and the print page add after the writeup: <paramref name="name"/>, or
    /// "<paramref name="name"/> (current)" when the writeup has a heading of that name itself (the postmortem template
    /// writes the timeline and action items as they were when it was filled in), so a reader never sees two sections of
    /// one name and can tell which is the portal's own, current one.
    /// </summary>
    public static string AddedSection(string? body, string name) =>
        HasHeading(body, name) ? name + " (current)" : name;

    /// <summary>Whether a Markdown ATX heading of any level reads <paramref name="name"/> (case and closing #s ignored).</summary>
    public static bool HasHeading(string? body, string name)
    {
        if (string.IsNullOrEmpty(body))
        {
            return false;
        }

        foreach (var line in body.AsSpan().EnumerateLines())
        {
            var text = line.TrimStart(' ');
            if (line.Length - text.Length > 3 || text.Length == 0 || text[0] != '#')
            {
                continue;
            }

            var level = text.IndexOfAnyExcept('#');
            if (level is < 1 or > 6 || text[level] is not (' ' or '\t'))
            {
                continue;
            }

            if (text[level..].Trim().TrimEnd('#').Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A <c>for</c> as a rule file writes it (5m, 1h30m), so the writeup matches what people read in the rule.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var ms = (long)Math.Min(Math.Round(duration.TotalMilliseconds), PromDuration.MaxMilliseconds);
        return PromDuration.FromMilliseconds(ms).ToString();
    }

    /// <summary>The shortest text that reads back as the same number (0.35, not 0.34999999999999998).</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A measured value as a reader wants it: six significant digits (75.401, not 75.40100002288818). Thresholds keep
    /// <see cref="Number"/>, which is exact, because a writeup must say precisely what the rule compared against.
    /// </summary>
    public static string Measured(double value) => double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : Number(value);

    /// <summary>
    /// Text that stays inside one Markdown table cell or list line: line breaks become spaces, pipes are escaped,
    /// and it stops at <see cref="IncidentLimits.MaxCellText"/> characters.
    /// </summary>
    public static void AppendCell(StringBuilder to, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var length = Math.Min(text.Length, IncidentLimits.MaxCellText);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    break;
                case '\n':
                case '\t':
                    to.Append(' ');
                    break;
                case '|':
                    to.Append("\\|");
                    break;
                default:
                    to.Append(c);
                    break;
            }
        }

        if (text.Length > length)
        {
            to.Append('…');
        }
    }

    public static string Cell(string? text)
    {
        var to = new StringBuilder();
        AppendCell(to, text);
        return to.ToString();
    }

    /// <summary>The kind of a timeline entry as a reader says it: "acknowledged", "status update", "alert firing".</summary>
    public static string Kind(TimelineKind kind) => kind switch
    {
        TimelineKind.Detected => "detected",
        TimelineKind.Acknowledged => "acknowledged",
        TimelineKind.Mitigated => "mitigated",
        TimelineKind.Resolved => "resolved",
        TimelineKind.StatusUpdate => "status update",
        TimelineKind.Note => "note",
        TimelineKind.AlertFiring => "alert firing",
        TimelineKind.AlertResolved => "alert resolved",
        _ => kind.ToString(),
    };

    /// <summary>The timeline as a Markdown table in time order, automatic entries marked, at most <see cref="IncidentLimits.MaxTimelineRows"/> rows.</summary>
    public static void AppendTimeline(StringBuilder to, IReadOnlyList<TimelineEntry> timeline)
    {
        if (timeline.Count == 0)
        {
            to.Append("_(no timeline entries yet)_");
            return;
        }

        to.Append("| Time | Kind | What happened |\n|---|---|---|\n");
        // Stable: entries at the same minute keep the order they were written in.
        var ordered = timeline.OrderBy(e => e.At).Take(IncidentLimits.MaxTimelineRows);
        foreach (var entry in ordered)
        {
            to.Append("| ").Append(Time(entry.At)).Append(" | ").Append(Kind(entry.Kind));
            if (entry.Automatic)
            {
                to.Append(" (automatic)");
            }

            to.Append(" | ");
            AppendCell(to, entry.Text);
            if (!entry.Automatic && !string.IsNullOrWhiteSpace(entry.By))
            {
                to.Append(" — ");
                AppendCell(to, entry.By);
            }

            to.Append(" |\n");
        }

        if (timeline.Count > IncidentLimits.MaxTimelineRows)
        {
            to.Append("| … | | ").Append((timeline.Count - IncidentLimits.MaxTimelineRows).ToString("N0", CultureInfo.InvariantCulture))
                .Append(" more entries |\n");
        }

        // The table ends at the line break; a writeup that continues on the same line would join the last row.
        to.Length--;
    }

    /// <summary>The action items as a Markdown task list: "- [ ] text — owner, due 2026-12-10", done ones ticked.</summary>
    public static void AppendActions(StringBuilder to, IReadOnlyList<ActionItem> actions)
    {
        if (actions.Count == 0)
        {
            to.Append("_(no action items yet)_");
            return;
        }

        var shown = Math.Min(actions.Count, IncidentLimits.MaxActionRows);
        for (var i = 0; i < shown; i++)
        {
            var item = actions[i];
            if (i > 0)
            {
                to.Append('\n');
            }

            to.Append(item.IsOpen ? "- [ ] " : "- [x] ");
            if (item.Status == ActionItemStatus.WontDo)
            {
                to.Append("~~");
                AppendCell(to, item.Text);
                to.Append("~~ (won't do)");
            }
            else
            {
                AppendCell(to, item.Text);
            }

            var owner = string.IsNullOrWhiteSpace(item.Owner) ? null : item.Owner;
            if (owner is not null || item.Due is not null)
            {
                to.Append(" — ");
                AppendCell(to, owner ?? "no owner");
                if (item.Due is { } due)
                {
                    to.Append(", due ").Append(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
            }

            if (item.Status == ActionItemStatus.InProgress)
            {
                to.Append(" (in progress)");
            }

            if (!string.IsNullOrWhiteSpace(item.Link))
            {
                to.Append(" (");
                AppendCell(to, item.Link);
                to.Append(')');
            }
        }

        if (actions.Count > shown)
        {
            to.Append("\n- … ").Append((actions.Count - shown).ToString("N0", CultureInfo.InvariantCulture)).Append(" more");
        }
    }
}
