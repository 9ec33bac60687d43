using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Portal.Security;

namespace Portal.Api.V1;

/// <summary>The body of POST /lint: an expression alone, or a whole rule.</summary>
public sealed record LintRequest
{
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Expr { get; init; }
    public string? For { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("keep_firing_for")]
    public string? KeepFiringFor { get; init; }
    public Dictionary<string, string?>? Labels { get; init; }
    public Dictionary<string, string?>? Annotations { get; init; }

    /// <summary>With <c>group</c> and <c>name</c>, where the rule is published: live lint then adds its evaluation errors.</summary>
    public string? Namespace { get; init; }
    public string? Group { get; init; }
}

public sealed record ParseErrorResponse(string Message, int Line, int Column);

public sealed record LintResponse(bool Valid, ParseErrorResponse? ParseError, IReadOnlyList<FindingResponse> Findings);

/// <summary>POST /lint: the Domain's parser and linter, no store; what the editor shows, for scripts and CI.</summary>
public static class LintEndpoints
{
    public const string InvalidRule = "invalid-rule";

    public static RouteGroupBuilder MapLint(this RouteGroupBuilder api)
    {
        api.MapPost("/lint", async (HttpRequest request, bool? live, Infrastructure.Lint.ILiveLinter linter, CancellationToken ct) =>
        {
            var body = await ApiBody.JsonAsync<LintRequest>(request, ApiBody.JsonLimit, ct);
            if (body.Problem is { } problem)
            {
                return problem;
            }

            var offline = Lint(body.Value!);
            return live == true ? await WithLiveAsync(offline, body.Value!, linter, ct) : offline;
        }).RequireRateLimiting(RateLimits.Lint);
        return api;
    }

    /// <summary>
    /// With only <c>expr</c>, the findings about the expression; with a kind or a name, the whole rule,
    /// plus what Prometheus would refuse about it (bad label names, templates) as <c>invalid-rule</c>
    /// errors. Valid means nothing of severity error was found.
    /// </summary>
    public static IResult Lint(LintRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Expr))
        {
            return ApiProblems.Validation([new FieldError("expr", "There is no expression to lint.")]);
        }

        var parse = PromQlParser.Parse(request.Expr);
        if (parse.Error is { ExceedsLimit: true } tooLarge)
        {
            // Past the documented size nothing is linted: the caller is refused, as for any oversized input.
            return ApiProblems.Validation([new FieldError("expr", tooLarge.Message, tooLarge.Position)]);
        }

        var parseError = parse.Error is { } error ? new ParseErrorResponse(error.Message, error.Position.Line, error.Position.Column) : null;
        var wholeRule = request.Kind is not null || request.Name is not null;
        if (!wholeRule)
        {
            var findings = RuleLinter.Lint(new LintRule(RuleKind.Alerting, "expression", request.Expr))
                .Where(f => f.Field == "expr")
                .Select(RuleMapping.ToResponse)
                .ToList();
            return TypedResults.Ok(Response(parseError, findings));
        }

        var (content, errors) = RuleMapping.ToContent(request.Kind, request.Name, request.Expr, request.For, request.KeepFiringFor,
            request.Labels, request.Annotations, enabled: true, defaultKind: RuleKind.Alerting);
        if (content is null)
        {
            return ApiProblems.Validation(errors);
        }

        var all = RuleLinter.Lint(content.ToLintRule()).Select(RuleMapping.ToResponse).ToList();
        // The parse error is already a finding of lint's own; template problems too, when lint checks templates.
        var reported = all.Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
        all.AddRange(content.Validate()
            .Where(e => e.Field != "expr" && !(e.Field.Contains('.') && reported.Contains(e.Field) && e.Message.StartsWith("template:", StringComparison.Ordinal)))
            .Select(e => new FindingResponse(InvalidRule, RuleMapping.Wire(LintSeverity.Error), e.Message, e.Field, e.Position?.Line, e.Position?.Column)));
        return TypedResults.Ok(Response(parseError, all));
    }

    /// <summary>
    /// <c>?live=true</c>: the offline answer plus what the configured Prometheus says. Live findings are
    /// warnings or infos only, so they never change <c>valid</c>; Prometheus down is one info finding.
    /// </summary>
    public static async Task<IResult> WithLiveAsync(IResult offline, LintRequest request, Infrastructure.Lint.ILiveLinter linter, CancellationToken ct)
    {
        if (offline is not Microsoft.AspNetCore.Http.HttpResults.Ok<LintResponse> { Value: { ParseError: null } response })
        {
            return offline;
        }

        var where = request is { Namespace: { Length: > 0 } ns, Group: { Length: > 0 } group, Name: { Length: > 0 } name }
            ? new Infrastructure.Lint.LiveRuleRef(ns, group, name)
            : null;
        var live = await linter.LintAsync(request.Expr!, where, ct);
        return TypedResults.Ok(response with { Findings = [.. response.Findings, .. live.Select(RuleMapping.ToResponse)] });
    }

    private static LintResponse Response(ParseErrorResponse? parseError, IReadOnlyList<FindingResponse> findings) =>
        new(parseError is null && findings.All(f => f.Severity != "error"), parseError, findings);
}
