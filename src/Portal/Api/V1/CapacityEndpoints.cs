using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Capacity;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Catalog;
using Portal.Security;

namespace Portal.Api.V1;

/// <summary>A capacity model as the API takes it: the limit is <c>limit</c> (a number) or <c>limitQuery</c>, not both.</summary>
public sealed record CapacityModelRequest
{
    public string? Team { get; init; }
    public string? Name { get; init; }
    public string? UsageQuery { get; init; }
    public double? Limit { get; init; }
    public string? LimitQuery { get; init; }
    public string? Unit { get; init; }
    public double? Warning { get; init; }
    public double? Critical { get; init; }
    public IReadOnlyList<CapacityMarkRequest>? Marks { get; init; }
    public string? Description { get; init; }
    public string? RunbookSlug { get; init; }

    /// <summary>PUT only: the version read (or send it as If-Match).</summary>
    public uint? Version { get; init; }
}

public sealed record CapacityMarkRequest(string? Name, double? Fraction);

public sealed record CapacityModelResponse(
    Guid Id, string Team, string Name, string UsageQuery, double? Limit, string? LimitQuery, string Unit, double Warning, double Critical,
    IReadOnlyList<CapacityMark> Marks, string? Description, string? RunbookSlug, uint Version, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record CapacityForecastResponse(double SlopePerDay, bool Growing, double? DaysUntilWarning, double? DaysUntilCritical, double? DaysUntilLimit, int PointsUsed);

/// <summary>One model as GET /capacity reports it: the same numbers as its card on the Capacity page.</summary>
public sealed record CapacityStateResponse(
    Guid Id, string Team, string Name, string Unit, double? Current, double? Limit, double? Utilization, string Band,
    CapacityForecastResponse? Forecast, string Recommendation, string? Problem, DateTimeOffset EvaluatedAt, string? Unavailable);

/// <summary>GET /capacity, GET/POST /capacity/models, GET/PUT/DELETE /capacity/models/{id}, POST /capacity/models/{id}/alert.</summary>
public static class CapacityEndpoints
{
    public static RouteGroupBuilder MapCapacity(this RouteGroupBuilder api)
    {
        api.MapGet("/capacity", async ([FromServices] ICapacityEvaluator evaluator, CancellationToken ct) =>
            TypedResults.Ok(State(await evaluator.EvaluateAsync(ct))));
        api.MapGet("/capacity/models", async ([FromServices] ICapacityStore store, CancellationToken ct) =>
            TypedResults.Ok((await store.ModelsAsync(ct)).Select(Response).ToList()));
        api.MapGet("/capacity/models/{id}", (string id, [FromServices] ICapacityStore store, CancellationToken ct) => GetAsync(id, store, ct));
        api.MapPost("/capacity/models", (HttpRequest request, [FromServices] ICapacityStore store, ActingUser user, CancellationToken ct) =>
            SaveAsync(null, request, store, user, ct));
        api.MapPut("/capacity/models/{id}", (string id, HttpRequest request, [FromServices] ICapacityStore store, ActingUser user, CancellationToken ct) =>
            SaveAsync(id, request, store, user, ct));
        api.MapDelete("/capacity/models/{id}", (string id, HttpRequest request, [FromServices] ICapacityStore store, ActingUser user, CancellationToken ct) =>
            DeleteAsync(id, request, store, user, ct));
        api.MapPost("/capacity/models/{id}/alert", (string id, [FromServices] ICapacityStore store, ActingUser user, CancellationToken ct) =>
            AlertAsync(id, store, user, ct));
        return api;
    }

    public static IReadOnlyList<CapacityStateResponse> State(CapacityReport report) => report.Models.Select(card =>
    {
        var a = card.Assessment;
        var f = a.Forecast;
        return new CapacityStateResponse(card.Model.Id, card.Model.Team, card.Model.Spec.Name, card.Model.Spec.Unit, a.Current, a.Limit, a.Utilization,
            a.Band.ToString().ToLowerInvariant(),
            f is null ? null : new CapacityForecastResponse(f.SlopePerDay, f.Growing, f.UntilWarning?.TotalDays, f.UntilCritical?.TotalDays, f.UntilLimit?.TotalDays, f.PointsUsed),
            a.Recommendation, a.Problem, report.EvaluatedAt, report.Unavailable);
    }).ToList();

    public static CapacityModelResponse Response(CapacityModelRow row) => new(row.Id, row.Team, row.Spec.Name, row.Spec.UsageQuery, row.Spec.Limit.Value,
        row.Spec.Limit.Query, row.Spec.Unit, row.Spec.Warning, row.Spec.Critical, row.Spec.Marks, row.Spec.Description, row.Spec.RunbookSlug,
        row.Version, row.UpdatedAt, row.UpdatedBy);

    private static async Task<IResult> GetAsync(string id, ICapacityStore store, CancellationToken ct) =>
        Guid.TryParse(id, out var modelId) && await store.ModelAsync(modelId, ct) is { } row
            ? RulesEndpoints.WithETag(TypedResults.Ok(Response(row)), row.Version)
            : NoSuchModel(id);

    private static async Task<IResult> SaveAsync(string? id, HttpRequest request, ICapacityStore store, ActingUser user, CancellationToken ct)
    {
        Guid? modelId = null;
        if (id is not null)
        {
            if (!Guid.TryParse(id, out var parsed))
            {
                return NoSuchModel(id);
            }

            modelId = parsed;
        }

        var body = await ApiBody.JsonAsync<CapacityModelRequest>(request, ApiBody.JsonLimit, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        uint version = 0;
        if (modelId is not null)
        {
            var (read, versionError) = RulesEndpoints.Version(request.Headers.IfMatch, b.Version?.ToString(CultureInfo.InvariantCulture), "capacity model");
            if (versionError is not null)
            {
                return ApiProblems.Validation([versionError]);
            }

            version = read!.Value;
        }

        if (string.IsNullOrWhiteSpace(b.Team))
        {
            return ApiProblems.Validation([new FieldError("team", "Say which team owns the model: its Editors change it.")]);
        }

        var result = await store.SaveModelAsync(new CapacityModelEdit(modelId, b.Team, Spec(b), version), user.Caller, ct);
        return ApiProblems.ForStore(result, row => RulesEndpoints.WithETag(
            modelId is null ? TypedResults.Created($"{ApiV1.Prefix}/capacity/models/{row.Id}", Response(row)) : TypedResults.Ok(Response(row)),
            row.Version), "this capacity model");
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, ICapacityStore store, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var modelId))
        {
            return NoSuchModel(id);
        }

        var (version, versionError) = RulesEndpoints.Version(request.Headers.IfMatch, request.Query["version"].FirstOrDefault(), "capacity model");
        if (versionError is not null)
        {
            return ApiProblems.Validation([versionError]);
        }

        var result = await store.DeleteModelAsync(modelId, version!.Value, user.Caller, ct);
        return ApiProblems.ForStore(result, _ => Results.NoContent(), "this capacity model");
    }

    private static async Task<IResult> AlertAsync(string id, ICapacityStore store, ActingUser user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var modelId))
        {
            return NoSuchModel(id);
        }

        var result = await store.DraftAlertAsync(modelId, user.Caller, ct);
        return result.Succeeded
            ? TypedResults.Created($"{ApiV1.Prefix}/rules/{result.Value}", new { ruleId = result.Value })
            : ApiProblems.ForStore(new StoreResult<object>(result.Outcome, null, result.Errors), _ => Results.NoContent(), "the draft alert");
    }

    /// <summary>Absent numbers become NaN so that validation names the missing field instead of a default hiding it.</summary>
    private static CapacityModelSpec Spec(CapacityModelRequest b) => new(
        b.Name ?? "",
        b.UsageQuery ?? "",
        new CapacityLimit(b.Limit, string.IsNullOrWhiteSpace(b.LimitQuery) ? null : b.LimitQuery),
        b.Unit ?? "",
        b.Warning ?? double.NaN,
        b.Critical ?? double.NaN,
        (b.Marks ?? []).Select(m => new CapacityMark(m?.Name ?? "", m?.Fraction ?? double.NaN)).ToList())
    {
        Description = b.Description,
        RunbookSlug = b.RunbookSlug,
    };

    private static IResult NoSuchModel(string id) =>
        ApiProblems.NotFound($"There is no capacity model with id \"{(id.Length <= 100 ? id : id[..100] + "…")}\".");
}
