using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;
using Portal.Security;

namespace Portal.Features.Runbooks;

/// <summary>
/// The revisions of one runbook (who, when, why), a diff between any two, and restore of an old one as a new revision,
/// from the version the page loaded: a change in between is a conflict, not an overwrite.
/// </summary>
public partial class RunbookHistoryPage : PortalComponent
{
    private string? _loadedSlug;
    private RunbookDetail? _runbook;
    private IReadOnlyList<RunbookRevisionInfo>? _revisions;
    private readonly Dictionary<int, RunbookRevision?> _loaded = [];
    private IReadOnlyList<DiffLine> _diff = [];
    private IReadOnlyList<string> _fieldChanges = [];
    private bool _notFound;
    private int _from;
    private int _to;

    [Inject]
    public required IRunbookStore Store { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Parameter]
    public string? Slug { get; set; }

    private bool CanWrite => _runbook is { } runbook && User.Refusal(PortalAction.EditRunbooks, runbook.Team) is null;

    protected override async Task OnParametersSetAsync()
    {
        if (Slug == _loadedSlug)
        {
            return;
        }

        _loadedSlug = Slug;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _notFound = false;
        _loaded.Clear();
        await RunAsync(async ct =>
        {
            var lookup = await Store.FindAsync(Slug ?? "", ct);
            if (lookup.Runbook is null && lookup.RedirectTo is { } moved)
            {
                Navigation.NavigateTo(PortalRoutes.RunbookHistoryFor(moved), replace: true);
                return;
            }

            if (lookup.Runbook is not { } runbook)
            {
                _notFound = true;
                return;
            }

            _runbook = runbook;
            _revisions = (await Store.RevisionsAsync(runbook.Slug, ct)).OrderByDescending(r => r.Number).ToList();
            _to = _revisions.FirstOrDefault()?.Number ?? 0;
            _from = _revisions.Skip(1).FirstOrDefault()?.Number ?? _to;
            await UpdateDiffAsync(ct);
        }, "The history could not be loaded");
    }

    private async Task OnFromChangedAsync(int number)
    {
        _from = number;
        await RunAsync(UpdateDiffAsync, "The revision could not be loaded");
    }

    private async Task OnToChangedAsync(int number)
    {
        _to = number;
        await RunAsync(UpdateDiffAsync, "The revision could not be loaded");
    }

    private async Task UpdateDiffAsync(CancellationToken ct)
    {
        var from = await RevisionAsync(_from, ct);
        var to = await RevisionAsync(_to, ct);
        _diff = LineDiff.Compute(from?.Body ?? "", to?.Body ?? "");
        var changes = new List<string>();
        if (from is not null && to is not null)
        {
            void Compare(string name, string old, string @new)
            {
                if (old != @new)
                {
                    changes.Add($"{name}: {old} → {@new}");
                }
            }

            Compare("Title", from.Info.Title, to.Info.Title);
            Compare("Slug", from.Info.Slug, to.Info.Slug);
            Compare("Team", from.Team, to.Team);
            Compare("Tags", string.Join(", ", from.Tags), string.Join(", ", to.Tags));
        }

        _fieldChanges = changes;
    }

    private async Task<RunbookRevision?> RevisionAsync(int number, CancellationToken ct)
    {
        if (number <= 0 || _runbook is null)
        {
            return null;
        }

        if (!_loaded.TryGetValue(number, out var revision))
        {
            revision = await Store.RevisionAsync(_runbook.Slug, number, ct);
            _loaded[number] = revision;
        }

        return revision;
    }

    private async Task RestoreAsync(RunbookRevisionInfo revision)
    {
        if (Busy || _runbook is not { } runbook)
        {
            return;
        }

        if (!await RevisionRestore.ConfirmAsync(Dialogs, revision.Number,
                $"The runbook's content becomes that of revision {revision.Number} again, saved as a new revision. Nothing is deleted."))
        {
            return;
        }

        StoreResult<RunbookDetail>? result = null;
        await RunAsync(async ct => result = await Store.RestoreAsync(runbook.Slug, revision.Number, runbook.Version, User.Caller, ct), "Not restored", Toast);
        if (!RevisionRestore.Report(result, revision.Number, restored => restored.Revision, "runbook", Snackbar))
        {
            return;
        }

        if (result is { Value: { } moved } && moved.Slug != runbook.Slug)
        {
            Navigation.NavigateTo(PortalRoutes.RunbookHistoryFor(moved.Slug), replace: true);
            return;
        }

        await LoadAsync();
    }
}
