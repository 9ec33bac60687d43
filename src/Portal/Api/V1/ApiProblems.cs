using System.Globalization;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;

namespace Portal.Api.V1;

/// <summary>
/// Every API error as RFC 7807 problem details with a <c>detail</c> a person can act on, and the
/// store's outcomes mapped to status codes in one place.
/// </summary>
public static class ApiProblems
{
    public static IResult BadRequest(string detail, string title = "Bad request") =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
            detail: $"The request body is larger than the limit of {Size(limit)}; nothing was read beyond it.");

    public static IResult UnsupportedMediaType(string? contentType, string accepted) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
            detail: $"Content type \"{contentType}\" is not accepted here; send {accepted}.");

    /// <summary>429 when a client used up its budget of an expensive endpoint (see <c>Security.RateLimits</c>).</summary>
    public static IResult TooManyRequests(TimeSpan? retryAfter) =>
        Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: "This client sent more requests to this endpoint than its limit allows" +
                    (retryAfter is { } wait ? $"; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s (Retry-After)." : "; try again later."));

    /// <summary>400 with one entry per field; PromQL errors carry their line:column in the message and in <c>fieldErrors</c>.</summary>
    public static IResult Validation(IReadOnlyList<FieldError> errors, string? detail = null)
    {
        var byField = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(Message).ToArray(), StringComparer.Ordinal);
        var fieldErrors = errors
            .Select(e => new FieldErrorResponse(e.Field, e.Message, e.Position?.Line, e.Position?.Column))
            .ToList();
        return Results.ValidationProblem(byField,
            detail: detail ?? Summary(errors),
            title: "The request is not valid",
            extensions: new Dictionary<string, object?> { ["fieldErrors"] = fieldErrors });
    }

    /// <summary>409 with the version that won, so a client can show both and let a person decide.</summary>
    public static IResult Conflict(RuleDetail? current, string detail)
    {
        var extensions = new Dictionary<string, object?>();
        if (current is not null)
        {
            extensions["currentVersion"] = current.Version;
            extensions["currentVersionNumber"] = current.VersionNumber;
            extensions["current"] = RuleMapping.ToResponse(current);
        }

        return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail, extensions: extensions);
    }

    /// <summary>Saved and Unchanged go to <paramref name="success"/>; the rest become problem details.</summary>
    public static IResult ForStore<T>(StoreResult<T> result, Func<T, IResult> success, string what)
    {
        switch (result.Outcome)
        {
            case StoreOutcome.Saved or StoreOutcome.Unchanged when result.Value is not null:
                return success(result.Value);
            case StoreOutcome.Invalid:
                return Validation(result.Errors);
            case StoreOutcome.Conflict:
                return Conflict(result.Current, result.Current is { } current
                    ? $"Someone else changed {what} since you read it: it is now at version {current.VersionNumber} " +
                      $"(row version {current.Version.ToString(CultureInfo.InvariantCulture)}). Nothing was overwritten; " +
                      "see `current`, merge your change and send it again with the new version."
                    : result.Errors.Any(e => e.Field != "version")
                        // A create that lost a race to an identical one (a unique index said no).
                        ? $"{Summary(result.Errors)} Nothing was written; read it again and retry."
                        : $"Someone else changed {what} since you read it. Nothing was overwritten; read it again and retry. {Summary(result.Errors)}");
            case StoreOutcome.NotFound:
                return NotFound(result.Errors.Count > 0 ? Summary(result.Errors) : $"{Capitalize(what)} was not found.");
            case StoreOutcome.Forbidden:
                return Forbidden(string.Join(" ", result.Errors.Select(e => e.Message)));
            default:
                // Saved without a value would be a store bug; say so instead of answering 200 with null.
                throw new InvalidOperationException($"The store answered {result.Outcome} for {what} without a value.");
        }
    }

    /// <summary>
    /// 412 when the version came in If-Match and someone saved since, as HTTP says for a failed precondition; null
    /// otherwise (a version in the body that is stale stays the store's 409). Runbooks and incidents answer this way.
    /// </summary>
    public static IResult? StaleIfMatch(StoreOutcome outcome, IReadOnlyList<FieldError> errors, HttpRequest request, string what) =>
        outcome == StoreOutcome.Conflict && request.Headers.IfMatch.Count > 0 && errors.All(e => e.Field == "version")
            ? Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed",
                detail: $"The {what} changed since the version in If-Match: nothing was overwritten. Read it again (GET), merge your change and send it with the new ETag.")
            : null;

    /// <summary>403: the caller's rights do not cover the change; the detail is the access policy's reason.</summary>
    public static IResult Forbidden(string reason) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: reason);

    /// <summary>
    /// An exception no endpoint handled: 500 problem details with a <c>traceId</c>, and one log entry (the
    /// exception with that id) instead of the middleware's own, so the id leads from the answer to the cause.
    /// </summary>
    public static ExceptionHandlerOptions ExceptionHandling() => new()
    {
        SuppressDiagnosticsCallback = _ => true,
        ExceptionHandler = async context =>
        {
            var traceId = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;
            var error = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
            if (Portal.Infrastructure.Persistence.DatabaseUnavailable.Is(error))
            {
                // Not a fault in the portal: PostgreSQL is restarting or unreachable. Say so, and when to try again.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiProblems))
                    .LogWarning("The database could not be reached answering {Method} {Path}; traceId {TraceId}: {Problem}",
                        context.Request.Method, context.Request.Path, traceId, error!.GetBaseException().Message);
                context.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await DatabaseUnavailable(traceId).ExecuteAsync(context);
                return;
            }

            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiProblems))
                .LogError(error, "Unhandled exception answering {Method} {Path}; traceId {TraceId}", context.Request.Method, context.Request.Path, traceId);
            await Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Internal server error",
                    detail: "The portal could not answer this request. Nothing is said here about why; an administrator finds the cause in the log under the traceId.",
                    extensions: new Dictionary<string, object?> { ["traceId"] = traceId })
                .ExecuteAsync(context);
        },
    };

    /// <summary>What the 503 for an unreachable database asks clients to wait before trying again.</summary>
    public const int DatabaseRetryAfterSeconds = 5;

    /// <summary>
    /// 503 when PostgreSQL could not be reached (restarting, failing over): the write was not committed, except in the
    /// rare case that the connection broke while the commit was answering; a retry with the version the client read
    /// is then refused as a conflict, so nothing is ever saved twice.
    /// </summary>
    public static IResult DatabaseUnavailable(string traceId) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unavailable",
            detail: "The portal could not reach its database, so the request was not completed and nothing was saved. Try again in a moment; "
                + "if a write's answer is in doubt, read the item again first (a retry with an old version is refused as a conflict, never applied twice).",
            extensions: new Dictionary<string, object?> { ["traceId"] = traceId });

    internal static string Message(FieldError error) => error.Position is { } at ? $"{at}: {error.Message}" : error.Message;

    private static string Summary(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? "The request is not valid." : string.Join(" ", errors.Select(e => e.ToString().TrimEnd('.') + "."));

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Size(long bytes) => bytes % (1024 * 1024) == 0
        ? $"{bytes / (1024 * 1024)} MB"
        : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";
}

public sealed record FieldErrorResponse(string Field, string Message, int? Line, int? Column);
