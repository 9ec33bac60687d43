using Microsoft.AspNetCore.Components;
using Portal.Components.Shared;
using Portal.Security;
using Portal.Infrastructure.Publishing;

namespace Portal.Features.Publishing;

/// <summary>
/// A dry run of the publish pipeline (<see cref="IPublisher.PlanAsync(PublishRequest, Domain.Access.Caller, CancellationToken)"/>) shown for review, then one publish
/// with a release note. The note survives every failure; a busy flag makes a double click publish once.
/// </summary>
public partial class PublishPage
{
    internal const string NoteRequired = "Write a release note: it tells the other teams what this release changes.";

    private CancellationTokenSource? _planCts;
    private PublishPlan? _plan;
    private PublishResult? _result;
    private string? _note;
    private string? _noteError;
    private bool _confirmEmpty;
    /// <summary>The namespaces the user chose for this release; null: the default (their teams' changes).</summary>
    private IReadOnlyList<string>? _chosen;
    // True from the start: the page answers with its shell and this progress, the plan follows (see OnAfterRenderAsync).
    private bool _planning = true;

    /// <summary>Moved by each publish and each "check again": the drift panel then reads the live files again.</summary>
    private int _liveChecks;

    [Inject]
    public required IPublisher Publisher { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    private bool CanPublish => _plan is { NothingToPublish: false } plan && !Busy && !_planning && (!plan.IsEmpty || _confirmEmpty);

    private string? DisabledReason => _plan switch
    {
        null => null,
        _ when _planning => "Checking the rules again…",
        { NothingToPublish: true, CurrentRelease: { } live } => $"Nothing to publish: the files equal release #{live}.",
        { NothingToPublish: true } => "Nothing to publish: the catalog has no enabled rule yet.",
        { IsEmpty: true } when !_confirmEmpty => "Confirm above that no rules at all should be published.",
        _ => null,
    };

    /// <summary>
    /// The plan renders every rule and runs promtool (seconds with hundreds of namespaces), so it is made after
    /// the first render: the request answers at once with the page and a progress bar, and prerendering (which
    /// never calls this) no longer makes the plan a second time before the circuit makes it again.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await LoadPlanAsync();
            StateHasChanged();
        }
    }

    private async Task CheckAgainAsync()
    {
        _liveChecks++;
        await LoadPlanAsync();
    }

    private async Task LoadPlanAsync()
    {
        // A newer request wins: "check again" while promtool still runs drops the older answer.
        _planCts?.Cancel();
        _planCts?.Dispose();
        _planCts = CancellationTokenSource.CreateLinkedTokenSource(Leaving);
        var ct = _planCts.Token;
        _planning = true;
        try
        {
            var plan = await Publisher.PlanAsync(new PublishRequest(null, Confirm: false, Namespaces: _chosen), User.Caller, ct);
            ct.ThrowIfCancellationRequested();
            SetPlan(plan);
            Error = null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            // A stale plan would invite publishing what was not checked.
            _plan = null;
            Error = ExpectedFailure.Sentence("The rules could not be checked for publishing", e);
        }

        _planning = false;
    }

    private void SetPlan(PublishPlan plan)
    {
        // Confirming an empty set answers one plan: a new plan asks again.
        if (!plan.IsEmpty || _plan?.IsEmpty != true)
        {
            _confirmEmpty = false;
        }

        _plan = plan;
    }

    private void OnNoteChanged(string? note)
    {
        _note = note;
        if (!string.IsNullOrWhiteSpace(note))
        {
            _noteError = null;
        }
    }

    private void OnConfirmEmptyChanged(bool confirmed) => _confirmEmpty = confirmed;

    /// <summary>Takes another team's (or a left-out) namespace into this release: the plan is made again for the new choice.</summary>
    private Task IncludeAsync(string @namespace) =>
        ChooseAsync([.. (_plan?.Scope ?? []).Where(n => n != @namespace), @namespace]);

    private Task LeaveOutAsync(string @namespace) =>
        ChooseAsync([.. (_plan?.Scope ?? []).Where(n => n != @namespace)]);

    private async Task ChooseAsync(IReadOnlyList<string> namespaces)
    {
        _chosen = namespaces;
        _result = null;
        await LoadPlanAsync();
    }

    private async Task ChooseDefaultAsync()
    {
        _chosen = null;
        await LoadPlanAsync();
    }

    private async Task PublishAsync()
    {
        if (!CanPublish)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(_note))
        {
            _noteError = NoteRequired;
            return;
        }

        _result = null;
        var published = false;
        await RunAsync(async ct =>
        {
            var request = new PublishRequest(_note.Trim(), Confirm: true, ConfirmEmpty: _plan!.IsEmpty && _confirmEmpty, Namespaces: _chosen);
            var result = await Publisher.PublishAsync(request, User.Caller, ct);
            _result = result;
            if (result.Release is null)
            {
                // Refused: the publisher's plan is the freshest there is, and the note stays for the next try.
                SetPlan(result.Plan);
                return;
            }

            _note = null;
            _confirmEmpty = false;
            _liveChecks++;
            published = true;
        }, "Publishing failed");

        if (published)
        {
            await LoadPlanAsync();
        }
    }

    protected override void Disposing() => _planCts?.Dispose();
}
