using Portal.Domain.Publishing;
using Portal.Domain.Reviews;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Reviews;

/// <summary>How a refusal of <see cref="ReviewRules"/> reads as a store answer: 403, 409 (stale), 400.</summary>
public static class ReviewResults
{
    public static StoreResult<T> Refused<T>(ReviewRefusal refusal) => refusal.Kind switch
    {
        ReviewRefusalKind.Forbidden => StoreResult<T>.Forbidden(refusal.Reason),
        ReviewRefusalKind.Stale => new StoreResult<T>(StoreOutcome.Conflict, default, [new Domain.Catalog.FieldError(refusal.Field, refusal.Reason)]),
        _ => StoreResult<T>.Invalid(refusal.Field, refusal.Reason),
    };
}
