using System.Globalization;
using MudBlazor;
using Portal.Domain.Incidents;

namespace Portal.Features.Incidents;

/// <summary>What the incident pages say and colour the same way: numbers, statuses, severities, timeline kinds, time ranges.</summary>
public static class IncidentDisplay
{
    /// <summary>The time ranges the list offers, by their address value; the list is newest first within them.</summary>
    public static readonly IReadOnlyList<(string Key, string Label, TimeSpan Span)> Ranges =
    [
        ("24h", "Last 24 hours", TimeSpan.FromHours(24)),
        ("7d", "Last 7 days", TimeSpan.FromDays(7)),
        ("30d", "Last 30 days", TimeSpan.FromDays(30)),
        ("90d", "Last 90 days", TimeSpan.FromDays(90)),
        ("365d", "Last year", TimeSpan.FromDays(365)),
    ];

    /// <summary>The kinds people write; the two alert kinds only come from ALERTS.</summary>
    public static readonly IReadOnlyList<TimelineKind> WrittenKinds =
        [TimelineKind.Detected, TimelineKind.Acknowledged, TimelineKind.Mitigated, TimelineKind.Resolved, TimelineKind.StatusUpdate, TimelineKind.Note];

    public static string Number(long number) => "INC-" + number.ToString(CultureInfo.InvariantCulture);

    public static TimeSpan? RangeSpan(string? key) => Ranges.FirstOrDefault(r => r.Key == key) is { Key: not null } range ? range.Span : null;

    public static Color StatusColor(IncidentStatus status) => status switch
    {
        IncidentStatus.Investigating => Color.Error,
        IncidentStatus.Identified => Color.Warning,
        IncidentStatus.Monitoring => Color.Info,
        _ => Color.Success,
    };

    /// <summary>The gravest levels red, the next orange, the rest neutral; an unknown name (a level since removed) neutral.</summary>
    public static Color SeverityColor(string severity, IReadOnlyList<SeverityLevel> levels) =>
        levels.FirstOrDefault(l => l.Name == severity)?.Rank switch
        {
            1 => Color.Error,
            2 => Color.Warning,
            null => Color.Default,
            _ => Color.Info,
        };

    public static string Word(TimelineKind kind) => kind switch
    {
        TimelineKind.StatusUpdate => "Status update",
        TimelineKind.AlertFiring => "Alert firing",
        TimelineKind.AlertResolved => "Alert resolved",
        _ => kind.ToString(),
    };

    public static string Word(ActionItemStatus status) => status switch
    {
        ActionItemStatus.InProgress => "In progress",
        ActionItemStatus.WontDo => "Won't do",
        _ => status.ToString(),
    };

    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>What a refresh from ALERTS did, in one sentence with what could not be read.</summary>
    public static string Refreshed(Infrastructure.Incidents.TimelineRefresh refresh)
    {
        var added = refresh.Added switch { 0 => "No new alert entries", 1 => "1 alert entry added", var n => $"{n} alert entries added" };
        var known = refresh.Known > 0 ? $"; {refresh.Known} already on the timeline or removed" : "";
        var chart = refresh.ChartRetaken ? "; the chart was taken again" : "";
        var problems = refresh.Problems.Count > 0 ? ". " + string.Join(" ", refresh.Problems) : ".";
        return added + known + chart + problems;
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Value(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "—";

    /// <summary>The next step of the workflow, or null once resolved.</summary>
    public static IncidentStatus? Next(IncidentStatus status) => status == IncidentStatus.Resolved ? null : status + 1;

    /// <summary>Only portal paths and http(s) addresses become links; anything else is shown as text.</summary>
    public static string? SafeLink(string? link) =>
        link is null ? null
        : link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) ? link
        : Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? link
        : null;
}
