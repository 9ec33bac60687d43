using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Security;
using Portal.Domain.Reviews;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Reviews;

namespace Portal.Features.Rules;

/// <summary>
/// The review of one namespace: whether it needs one, what changed since its published file and who
/// changed it, and approve or reject with a comment; the decisions so far below.
/// </summary>
public partial class NamespaceReviewPage : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private NamespaceReview? _review;
    private string? _loadedName;
    private string? _error;
    private string? _comment;
    private string? _commentError;
    private string? _decisionError;
    private bool _busy;

    [Inject]
    public required IReviewStore Reviews { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Parameter]
    public string Name { get; set; } = "";

    private string? Summary => _review is null ? null
        : _review.ReviewRequired ? "Changes are published only once another Publisher of the team approved exactly this content."
        : "Review is off for this namespace: its changes are published without one.";

    private string StatusText => _review switch
    {
        { Approved: true } => $"approved by {_review.Latest!.Actor}",
        { Latest: { Decision: ReviewDecision.Reject } latest } when latest.Checksum == _review.Checksum => $"rejected by {latest.Actor}",
        { ReviewRequired: true } => "awaiting review",
        _ => "review off",
    };

    private Color StatusColor => _review switch
    {
        { Approved: true } => Color.Success,
        { Latest: { Decision: ReviewDecision.Reject } latest } when latest.Checksum == _review.Checksum => Color.Error,
        { ReviewRequired: true } => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>Why the user may not turn review on or off here; the store checks again.</summary>
    private string? SettingRefusal => _review is null ? null : ReviewRules.MayReview(User.Caller, _review.Team);

    /// <summary>Why the user may not decide this review (no right, or an author of the change); the store checks again and audits.</summary>
    private string? DecisionRefusal
    {
        get
        {
            if (_review is null)
            {
                return null;
            }

            var refusal = ReviewRules.Check(User.Caller,
                new ReviewSubject(_review.Namespace, _review.Team, _review.Checksum, _review.Authors.ToHashSet(StringComparer.Ordinal)),
                new ReviewRequest(ReviewDecision.Approve, null, _review.Checksum));
            return refusal is { Kind: ReviewRefusalKind.Forbidden } ? refusal.Reason : null;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Name != _loadedName)
        {
            _loadedName = Name;
            _review = null;
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            _error = null;
            _review = await Reviews.ReviewAsync(Name, _cts.Token);
            if (_review is null)
            {
                _error = $"There is no namespace \"{Name}\".";
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _error = $"The review could not be loaded: {e.Message}";
        }
    }

    private async Task DecideAsync(ReviewDecision decision)
    {
        if (_busy || _review is null)
        {
            return;
        }

        (_commentError, _decisionError) = (null, null);
        _busy = true;
        try
        {
            // The checksum shown is the content decided on: if the rules changed meanwhile, the store says so.
            var result = await Reviews.DecideAsync(Name, new ReviewRequest(decision, _comment, _review.Checksum), User.Caller, _cts.Token);
            switch (result.Outcome)
            {
                case StoreOutcome.Saved:
                    Snackbar.Add(decision == ReviewDecision.Approve ? $"Approved {Name}" : $"Rejected {Name}", Severity.Success);
                    _comment = null;
                    await ReloadAsync();
                    break;
                case StoreOutcome.Conflict:
                    // Keep the comment: the reviewer looks at the new content and decides again.
                    _decisionError = Message(result);
                    await ReloadAsync();
                    break;
                case StoreOutcome.Invalid when result.Errors.Any(e => e.Field == "comment"):
                    _commentError = Message(result);
                    break;
                default:
                    _decisionError = Message(result);
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _decisionError = $"The decision was not recorded: {e.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SetRequiredAsync(bool required)
    {
        if (_busy || _review is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Reviews.SetRequiredAsync(Name, required, User.Caller, _cts.Token);
            if (result.Succeeded)
            {
                Snackbar.Add(required ? $"Changes to {Name} now need a review" : $"Review is off for {Name}", Severity.Success);
                await ReloadAsync();
            }
            else
            {
                Snackbar.Add(Message(result), Severity.Error);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Snackbar.Add($"The setting was not changed: {e.Message}", Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Message<T>(StoreResult<T> result) => string.Join(" ", result.Errors.Select(e => e.Message));

    private static string DecisionText(ReviewDecision decision) => decision == ReviewDecision.Approve ? "approved" : "rejected";

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
