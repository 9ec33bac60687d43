using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Security;
using Portal.Domain.Reviews;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Reviews;

namespace Portal.Features.Rules;

/// <summary>
/// The review of one namespace: whether it needs one, what changed since its published file and who
/// changed it, and approve or reject with a comment; the decisions so far below.
/// </summary>
public partial class NamespaceReviewPage : PortalComponent
{
    private NamespaceReview? _review;
    private string? _loadedName;
    private string? _comment;
    private string? _commentError;
    private string? _decisionError;

    [Inject]
    public required IReviewStore Reviews { get; init; }

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
        await RunAsync(async ct =>
        {
            _review = await Reviews.ReviewAsync(Name, ct);
            if (_review is null)
            {
                Error = $"There is no namespace \"{Name}\".";
            }
        }, "The review could not be loaded");
    }

    private async Task DecideAsync(ReviewDecision decision)
    {
        if (Busy || _review is null)
        {
            return;
        }

        (_commentError, _decisionError) = (null, null);
        var checksum = _review.Checksum;
        await RunAsync(async ct =>
        {
            // The checksum shown is the content decided on: if the rules changed meanwhile, the store says so.
            var result = await Reviews.DecideAsync(Name, new ReviewRequest(decision, _comment, checksum), User.Caller, ct);
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
        }, "The decision was not recorded", show: sentence => _decisionError = sentence);
    }

    private async Task SetRequiredAsync(bool required)
    {
        if (Busy || _review is null)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var result = await Reviews.SetRequiredAsync(Name, required, User.Caller, ct);
            if (result.Succeeded)
            {
                Snackbar.Add(required ? $"Changes to {Name} now need a review" : $"Review is off for {Name}", Severity.Success);
                await ReloadAsync();
            }
            else
            {
                Snackbar.Add(Message(result), Severity.Error);
            }
        }, "The setting was not changed", Toast);
    }

    private static string Message<T>(StoreResult<T> result) => string.Join(" ", result.Errors.Select(e => e.Message));

    private static string DecisionText(ReviewDecision decision) => decision == ReviewDecision.Approve ? "approved" : "rejected";

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
