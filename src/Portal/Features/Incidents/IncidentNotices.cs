namespace Portal.Features.Incidents;

/// <summary>
/// What starting an incident could not gather (Prometheus down, no rule), carried from the new-incident page to the
/// incident page within one circuit, where it is told once as a notice: the incident itself was started.
/// </summary>
public sealed class IncidentNotices
{
    private readonly Dictionary<Guid, IReadOnlyList<string>> _pending = [];

    public void Remember(Guid incidentId, IEnumerable<string> problems)
    {
        var list = problems.Where(p => !string.IsNullOrWhiteSpace(p)).Take(20).ToList();
        if (list.Count > 0)
        {
            _pending[incidentId] = list;
        }
    }

    /// <summary>The problems for the incident, once: a reload of the page does not repeat them.</summary>
    public IReadOnlyList<string> Take(Guid incidentId) => _pending.Remove(incidentId, out var problems) ? problems : [];
}
