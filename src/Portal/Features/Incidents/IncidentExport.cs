using Portal.Domain.Incidents;
using Portal.Infrastructure.Incidents;

namespace Portal.Features.Incidents;

/// <summary>
/// The incident page's "Export Markdown" download. The API's export needs a bearer token, which a browser does not
/// send; this one is signed in by the cookie like the page, and writes the same document.
/// </summary>
public static class IncidentExport
{
    public static async Task<IResult> DownloadAsync(Guid id, IIncidentStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } incident)
        {
            return Results.NotFound();
        }

        var markdown = IncidentMarkdown.Export(incident.ToDocument(await store.SeverityLevelsAsync(ct)));
        return Results.File(System.Text.Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", IncidentDisplay.Number(incident.Number) + ".md");
    }
}
