namespace Portal.Domain.Incidents;

/// <summary>An incident as one Markdown file: header facts, the writeup, the threshold in force, timeline and action items.</summary>
public static class IncidentMarkdown
{
    public static string Export(IncidentDocument incident) => throw new NotImplementedException();
}
