using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Security;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Publishing;

namespace Portal.Features.Publishing;

/// <summary>
/// One release: what each target made of it, its files and rule changes, a comparison with any other
/// release, its download, and a rollback to it (a new release with the same files, after a note).
/// </summary>
public partial class ReleaseDetailPage : PortalComponent
{
    private CancellationTokenSource? _compareCts;
    private ReleaseDetail? _detail;
    private long? _loaded;
    private bool _loading = true;

    private long? _compareWith;
    private long? _comparedWith;
    private IReadOnlyList<RuleChange>? _comparison;
    private string? _compareError;
    private bool _comparing;

    private PublishResult? _rollback;
    private string? _rollbackNote;

    [Inject]
    public required IReleaseStore Releases { get; init; }

    [Inject]
    public required IPublisher Publisher { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Parameter]
    public long Number { get; set; }

    private string? HeaderSummary => _detail?.Summary is { } release
        ? (string.IsNullOrWhiteSpace(release.Note) ? "(no note)" : release.Note)
        : null;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == Number)
        {
            return;
        }

        // Another release opened from a link on this page (a rollback's new release, "rollback of"): start afresh.
        _loaded = Number;
        _rollback = null;
        _rollbackNote = null;
        _compareWith = null;
        _comparedWith = null;
        _comparison = null;
        _compareError = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        if (!await RunAsync(async ct => _detail = await Releases.GetAsync(Number, ct), $"Release #{Number} could not be read"))
        {
            _detail = null;
        }

        _loading = false;
    }

    private async Task CompareAsync(long? other)
    {
        _compareWith = other;
        _compareError = null;
        _comparison = null;
        _comparedWith = null;
        _compareCts?.Cancel();
        _compareCts?.Dispose();
        _compareCts = null;
        if (other is not { } from)
        {
            return;
        }

        if (from == Number)
        {
            _compareError = "That is this release: pick another number.";
            return;
        }

        _compareCts = CancellationTokenSource.CreateLinkedTokenSource(Leaving);
        var ct = _compareCts.Token;
        _comparing = true;
        try
        {
            var changes = await Releases.DiffAsync(from, Number, ct);
            ct.ThrowIfCancellationRequested();
            if (changes is null)
            {
                _compareError = $"There is no release #{from}.";
            }
            else
            {
                _comparison = changes;
                _comparedWith = from;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            _compareError = ExpectedFailure.Sentence("The releases could not be compared", e);
        }

        _comparing = false;
    }

    private async Task RollbackAsync()
    {
        if (Busy)
        {
            return;
        }

        var parameters = new DialogParameters<RollbackDialog>
        {
            { d => d.Release, Number },
            { d => d.Note, _rollbackNote },
            { d => d.Empty, _detail is { Files.Count: 0 } },
        };
        var dialog = await Dialogs.ShowAsync<RollbackDialog>(_detail is { Summary.Retryable: true } ? $"Publish release #{Number} again" : $"Roll back to release #{Number}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is not { Canceled: false, Data: RollbackDialog.Answer answer })
        {
            return;
        }

        var note = answer.Note;
        _rollbackNote = note;
        _rollback = null;
        await RunAsync(async ct =>
        {
            _rollback = await Publisher.RollbackAsync(Number, new PublishRequest(note, Confirm: true, ConfirmEmpty: answer.ConfirmEmpty), User.Caller, ct);
            if (_rollback.Release is not null)
            {
                _rollbackNote = null;
            }
        }, $"Release #{Number} was not republished");
    }

    protected override void Disposing() => _compareCts?.Dispose();
}
