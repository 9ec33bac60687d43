namespace Portal.Features.Incidents;

/// <summary>The store's query limits, named for the markup (a const of another assembly's record reads badly in Razor).</summary>
internal static class IncidentQueryLimits
{
    public const int MaxTextLength = Infrastructure.Incidents.IncidentQuery.MaxTextLength;
    public const int PageSize = 50;
}
