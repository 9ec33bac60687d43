using Portal.Security;
using Portal.Domain.Catalog;
using Portal.Domain.Reviews;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Reviews;

namespace Portal.Api.V1;

/// <summary>The body of POST /namespaces/{name}/review; <see cref="Checksum"/> is the content the reviewer saw (optional).</summary>
public sealed record ReviewApiRequest(string? Decision, string? Comment, string? Checksum);

/// <summary>The body of PUT /namespaces/{name}/review-required.</summary>
public sealed record ReviewRequiredRequest(bool? Required);

/// <summary>Namespace review for scripts: what is under review, approve or reject it, turn review on or off.</summary>
public static class ReviewEndpoints
{
    public static RouteGroupBuilder MapReviews(this RouteGroupBuilder api)
    {
        api.MapGet("/namespaces/{name}/review", async (string name, IReviewStore reviews, CancellationToken ct) =>
            await reviews.ReviewAsync(name, ct) is { } review
                ? TypedResults.Json(review, PublishingEndpoints.Out)
                : NoSuchNamespace(name));
        api.MapPost("/namespaces/{name}/review", DecideAsync);
        api.MapPut("/namespaces/{name}/review-required", SetRequiredAsync);
        return api;
    }

    public static async Task<IResult> DecideAsync(string name, HttpRequest request, IReviewStore reviews, ActingUser user, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<ReviewApiRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        ReviewDecision? decision = body.Value!.Decision?.Trim().ToLowerInvariant() switch
        {
            "approve" => ReviewDecision.Approve,
            "reject" => ReviewDecision.Reject,
            _ => null,
        };
        if (decision is not { } chosen)
        {
            return ApiProblems.Validation([new FieldError("decision",
                $"Say \"approve\" or \"reject\"{(body.Value.Decision is null ? "" : $", not \"{body.Value.Decision}\"")}.")]);
        }

        var result = await reviews.DecideAsync(name, new ReviewRequest(chosen, body.Value.Comment, body.Value.Checksum), user.Caller, ct);
        if (result.Outcome == StoreOutcome.Conflict)
        {
            // Stale: the reviewer saw other content than the namespace has now.
            return ApiProblems.Conflict(null, string.Join(" ", result.Errors.Select(e => e.Message)) + " Read GET /review again and decide on what it shows.");
        }

        return ApiProblems.ForStore(result, info => TypedResults.Json(info, PublishingEndpoints.Out), $"the review of {name}");
    }

    public static async Task<IResult> SetRequiredAsync(string name, HttpRequest request, IReviewStore reviews, ActingUser user, CancellationToken ct)
    {
        var body = await ApiBody.JsonAsync<ReviewRequiredRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (body.Value!.Required is not { } required)
        {
            return ApiProblems.Validation([new FieldError("required", "Say whether changes need a review: {\"required\": true} or false.")]);
        }

        var result = await reviews.SetRequiredAsync(name, required, user.Caller, ct);
        return ApiProblems.ForStore(result, value => TypedResults.Ok(new { @namespace = name, reviewRequired = value }), $"the namespace {name}");
    }

    private static IResult NoSuchNamespace(string name) => ApiProblems.NotFound($"There is no namespace \"{name}\".");
}
