using Portal.Domain.Incidents;
using Portal.Infrastructure.Incidents;

namespace Portal.Features.Incidents;

/// <summary>
/// The incident page's "Export Markdown" download. The API's export needs a bearer token, which a browser does not
/// send; this one is signed in by the cookie like the page, and writes the same document.
/// </summary>
public static class IncidentExport
{
    public static IncidentDocument Document(IncidentDetail incident, IReadOnlyList<SeverityLevel> levels) => new(
        incident.Title, incident.Status, incident.Severity, incident.Team, incident.StartedAt, incident.ResolvedAt, incident.Body,
        incident.Rule, incident.Alert, incident.Timeline, incident.Actions,
        IncidentClock.Measure(incident.StartedAt, incident.Timeline, levels.FirstOrDefault(l => l.Name == incident.Severity)),
        incident.Chart);

    public static async Task<IResult> DownloadAsync(Guid id, IIncidentStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } incident)
        {
            return Results.NotFound();
        }

        var markdown = IncidentMarkdown.Export(Document(incident, await store.SeverityLevelsAsync(ct)));
        return Results.File(System.Text.Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", IncidentDisplay.Number(incident.Number) + ".md");
    }
}
