using Portal.Security;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;

namespace Portal.Api.V1;

public sealed record ImportBody(string? Text, string? Namespace, string? FileName, string? Team);

public sealed record ImportItemResponse(string Action, string Kind, string Name, string Group, int Line, string Reason);

public sealed record ImportCounts(int Create, int Update, int Unchanged, int Refuse, int Note);

public sealed record ImportPlanResponse(
    bool DryRun,
    string Namespace,
    bool Refused,
    string? RefusedReason,
    ImportCounts Counts,
    IReadOnlyList<ImportItemResponse> Items);

/// <summary>
/// POST /import: a rule file, a bare list, a PrometheusRule or Markdown with YAML blocks, as raw text or
/// wrapped in JSON. A dry run is the default, so a forgotten parameter never writes.
/// </summary>
public static class ImportEndpoints
{
    public const long Limit = 5 * 1024 * 1024;

    public static readonly IReadOnlySet<string> TextTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "text/plain", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/markdown", "text/x-markdown",
    };

    public static RouteGroupBuilder MapImport(this RouteGroupBuilder api)
    {
        api.MapPost("/import", (HttpRequest request, [FromServices] IRuleStore store, ActingUser user, CancellationToken ct) =>
            ImportAsync(request, store, user, ct));
        return api;
    }

    public static async Task<IResult> ImportAsync(HttpRequest request, IRuleStore store, ActingUser user, CancellationToken ct)
    {
        var dryRunText = request.Query["dryRun"].LastOrDefault();
        if (!TryParseDryRun(dryRunText, out var dryRun))
        {
            return ApiProblems.Validation([new FieldError("dryRun", $"\"{dryRunText}\" is not true or false.")]);
        }

        var media = request.ContentType is { Length: > 0 } type ? ApiBody.MediaType(type) : "text/plain";
        var json = ApiBody.IsJson(media);
        if (!json && !TextTypes.Contains(media))
        {
            return ApiProblems.UnsupportedMediaType(request.ContentType, "the rule text as text/plain, application/yaml or text/markdown, " +
                "or JSON { \"text\": ..., \"namespace\": ... }");
        }

        var bytes = await ApiBody.BytesAsync(request, Limit, ct);
        if (bytes.Problem is not null)
        {
            return bytes.Problem;
        }

        ImportBody body;
        if (json)
        {
            var parsed = ApiBody.Parse<ImportBody>(bytes.Value!);
            if (parsed.Problem is not null)
            {
                return parsed.Problem;
            }

            body = parsed.Value!;
        }
        else
        {
            if (ApiBody.Utf8(bytes.Value!) is not { } text)
            {
                return ApiProblems.BadRequest("The rule text is not valid UTF-8; save the file as UTF-8 and send it again.");
            }

            body = new ImportBody(text, null, null, null);
        }

        var (importRequest, errors) = ToRequest(body, request.Query["namespace"].LastOrDefault(), request.Query["fileName"].LastOrDefault(),
            request.Query["team"].LastOrDefault());
        if (importRequest is null)
        {
            return ApiProblems.Validation(errors);
        }

        if (dryRun)
        {
            // The same checks as the import itself, the caller's access included, so "create" here is "create" there.
            return TypedResults.Ok(ToResponse(await store.PlanImportAsync(importRequest, user.Caller, ct), importRequest.Namespace, dryRun: true));
        }

        var result = await store.ImportAsync(importRequest, user.Caller, ct);
        if (result.Succeeded && result.Value is { Refused: false } applied)
        {
            return TypedResults.Ok(ToResponse(applied, importRequest.Namespace, dryRun: false));
        }

        if (result.Outcome is StoreOutcome.Conflict or StoreOutcome.NotFound or StoreOutcome.Forbidden)
        {
            return ApiProblems.ForStore(result, _ => Results.Empty, "the namespace");
        }

        // Refused: nothing was written. The plan says which items were to blame.
        var plan = result.Value ?? await store.PlanImportAsync(importRequest, ct);
        var reasons = result.Errors.Select(ApiProblems.Message).Prepend(plan.RefusedReason).OfType<string>().Distinct().ToList();
        var detail = "The import was refused and nothing was written" +
                     (reasons.Count > 0 ? ": " + string.Join(" ", reasons) : ". See the refused items of the plan.");
        var extensions = new Dictionary<string, object?> { ["plan"] = ToResponse(plan, importRequest.Namespace, dryRun: false) };
        if (result.Errors.Count > 0)
        {
            extensions["errors"] = result.Errors.GroupBy(e => e.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(ApiProblems.Message).ToArray(), StringComparer.Ordinal);
        }

        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Import refused", detail: detail, extensions: extensions);
    }

    /// <summary>The namespace may come from the query or the JSON body, but the two must not disagree.</summary>
    public static (ImportRequest? Request, IReadOnlyList<FieldError> Errors) ToRequest(ImportBody body, string? queryNamespace, string? queryFileName, string? queryTeam)
    {
        var errors = new List<FieldError>();
        var fromQuery = Blank(queryNamespace);
        var fromBody = Blank(body.Namespace);
        if (fromQuery is not null && fromBody is not null && fromQuery != fromBody)
        {
            errors.Add(new FieldError("namespace", $"The query says namespace \"{fromQuery}\" and the body \"{fromBody}\"; send one."));
        }
        else if ((fromQuery ?? fromBody) is null)
        {
            errors.Add(new FieldError("namespace", "Say which namespace to import into (?namespace=... or \"namespace\" in the JSON body)."));
        }

        if (string.IsNullOrWhiteSpace(body.Text))
        {
            errors.Add(new FieldError("text", "There is nothing to import: the text is empty."));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ImportRequest(body.Text!, (fromQuery ?? fromBody)!, Blank(body.FileName) ?? Blank(queryFileName), Blank(body.Team) ?? Blank(queryTeam)), []);
    }

    public static ImportPlanResponse ToResponse(ImportPlan plan, string @namespace, bool dryRun) => new(
        dryRun,
        @namespace,
        plan.Refused,
        plan.RefusedReason,
        new ImportCounts(plan.Count(ImportAction.Create), plan.Count(ImportAction.Update), plan.Count(ImportAction.Unchanged),
            plan.Count(ImportAction.Refuse), plan.Count(ImportAction.Note)),
        plan.Items.Select(i => new ImportItemResponse(i.Action.ToString().ToLowerInvariant(), i.Kind, i.Name, i.Group, i.Line, i.Reason)).ToList());

    private static bool TryParseDryRun(string? text, out bool dryRun)
    {
        dryRun = true;
        return string.IsNullOrWhiteSpace(text) || bool.TryParse(text.Trim(), out dryRun);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
