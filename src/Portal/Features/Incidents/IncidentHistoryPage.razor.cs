using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;
using Portal.Security;

namespace Portal.Features.Incidents;

/// <summary>
/// The revisions of one incident's header and writeup (who, when, why, the title then), newest first, and one of them
/// diffed line by line against the writeup as it is stored now. An earlier revision can be restored: its title, severity and
/// writeup become current again as a new revision (the status stays where the incident is).
/// </summary>
public partial class IncidentHistoryPage : PortalComponent
{
    private Guid? _loadedId;
    private IncidentDetail? _incident;
    private IReadOnlyList<IncidentRevisionInfo>? _revisions;
    private IncidentRevision? _shown;
    private IReadOnlyList<DiffLine> _diff = [];
    private bool _missing;

    [Inject]
    public required IIncidentStore Store { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Parameter]
    public Guid Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedId == Id)
        {
            return;
        }

        _loadedId = Id;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _shown = null;
        _diff = [];
        await RunAsync(async ct =>
        {
            var incident = await Store.FindAsync(Id, ct);
            _missing = incident is null;
            if (incident is null)
            {
                return;
            }

            _incident = incident;
            _revisions = (await Store.RevisionsAsync(incident.Id, ct)).OrderByDescending(r => r.Number).ToList();
            // The newest revision is the current writeup: the one before it is the first with something to compare.
            var first = _revisions.Skip(1).FirstOrDefault() ?? _revisions.FirstOrDefault();
            if (first is not null)
            {
                await LoadRevisionAsync(first.Number, ct);
            }
        }, "The history could not be loaded");
    }

    private Task ShowAsync(int number) => RunAsync(ct => LoadRevisionAsync(number, ct), "The revision could not be loaded", Toast);

    private async Task LoadRevisionAsync(int number, CancellationToken ct)
    {
        if (_incident is not { } incident)
        {
            return;
        }

        _shown = await Store.RevisionAsync(incident.Id, number, ct);
        _diff = _shown is null ? [] : LineDiff.Compute(_shown.Body, incident.Body);
    }

    private async Task RestoreAsync(IncidentRevisionInfo revision)
    {
        if (Busy || _incident is not { } incident)
        {
            return;
        }

        if (!await RevisionRestore.ConfirmAsync(Dialogs, revision.Number,
                $"The title, severity and writeup become those of revision {revision.Number} again, saved as a new revision. The status stays {incident.Status}; nothing is deleted."))
        {
            return;
        }

        StoreResult<IncidentDetail>? result = null;
        await RunAsync(async ct => result = await Store.RestoreRevisionAsync(incident.Id, revision.Number, incident.Version, User.Caller, ct), "Not restored", Toast);
        if (RevisionRestore.Report(result, revision.Number, restored => restored.Revision, "incident", Snackbar))
        {
            await LoadAsync();
        }
    }
}
