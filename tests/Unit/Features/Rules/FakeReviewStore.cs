using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Publishing;
using Portal.Domain.Reviews;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Reviews;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>
/// An in-memory <see cref="IReviewStore"/> holding one namespace under review; it judges decisions with
/// the real <see cref="ReviewRules"/>, so the page sees the answers the store would give.
/// </summary>
internal sealed class FakeReviewStore : IReviewStore
{
    public const string Checksum = "5f1c0a9e2b7d4c3a8e6f1b2d3c4a5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";

    public NamespaceReview Review { get; set; } = new(
        "payments", "pay", true, Checksum, 12, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
        [new RuleChange("payments", "api", "ApiErrors", "page", RuleChangeKind.Changed, [new FieldChange("threshold", "0.5", "0.8")])],
        ["ann"],
        [new ReviewChange("ann", new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), "ApiErrors version 4 (calmer)")],
        []);

    public List<(ReviewRequest Request, string Actor)> Decisions { get; } = [];

    public List<bool> Settings { get; } = [];

    public Task<IReadOnlyDictionary<string, ReviewGate>> GatesAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, ReviewGate>>(new Dictionary<string, ReviewGate>());

    public Task<NamespaceReview?> ReviewAsync(string @namespace, CancellationToken ct) =>
        Task.FromResult(@namespace == Review.Namespace ? Review : null);

    public Task<StoreResult<ReviewDecisionInfo>> DecideAsync(string @namespace, ReviewRequest request, Caller caller, CancellationToken ct)
    {
        Decisions.Add((request, caller.Name));
        var subject = new ReviewSubject(Review.Namespace, Review.Team, Review.Checksum, Review.Authors.ToHashSet());
        if (ReviewRules.Check(caller, subject, request) is { } refusal)
        {
            return Task.FromResult(ReviewResults.Refused<ReviewDecisionInfo>(refusal));
        }

        var info = new ReviewDecisionInfo(Review.History.Count + 1, request.Decision, Review.Checksum, caller.Name, FakeRuleStore.Now, request.Comment?.Trim());
        Review = Review with { History = [info, .. Review.History] };
        return Task.FromResult(StoreResult<ReviewDecisionInfo>.Ok(info));
    }

    public Task<StoreResult<bool>> SetRequiredAsync(string @namespace, bool required, Caller caller, CancellationToken ct)
    {
        Settings.Add(required);
        Review = Review with { ReviewRequired = required };
        return Task.FromResult(StoreResult<bool>.Ok(required));
    }
}
