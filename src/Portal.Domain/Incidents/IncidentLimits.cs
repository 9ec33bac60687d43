namespace Portal.Domain.Incidents;

/// <summary>
/// Sizes that keep incident work bounded whoever writes the template or the timeline: a template body is read once,
/// and whatever it asks for, the rendered writeup and the export stop at a fixed length.
/// </summary>
public static class IncidentLimits
{
    /// <summary>A template is a page or two of headings and placeholders; 100,000 characters leaves room for long guidance.</summary>
    public const int MaxTemplateBody = 100_000;

    /// <summary>The rendered writeup (and the Markdown export): the runbook body limit, so it can always be stored and shown.</summary>
    public const int MaxRenderedOutput = 1_000_000;

    /// <summary>Problems reported for one template; beyond this a single "and N more" says how many were left out.</summary>
    public const int MaxPlaceholderErrors = 20;

    /// <summary>Longest text between <c>{{</c> and <c>}}</c> looked at; nothing longer can be a known placeholder.</summary>
    public const int MaxPlaceholderLength = 200;

    /// <summary>Timeline rows written into a writeup or export; the rest is said as "… N more".</summary>
    public const int MaxTimelineRows = 500;

    /// <summary>Action items written into a writeup or export; the rest is said as "… N more".</summary>
    public const int MaxActionRows = 200;

    /// <summary>One timeline text or action item as a table cell or list line; longer ones end in "…".</summary>
    public const int MaxCellText = 1_000;
}
