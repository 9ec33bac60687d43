namespace Portal.Domain.Incidents;

/// <summary>The two templates that ship with the portal: a status update and a postmortem.</summary>
public static class StarterIncidentTemplates
{
    public const string StatusUpdateKey = "status-update";
    public const string PostmortemKey = "postmortem";

    public static IReadOnlyList<IncidentTemplate> All => throw new NotImplementedException();
}
