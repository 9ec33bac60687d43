using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Api.V1;

public sealed record RuleResponse(
    Guid Id,
    Guid GroupId,
    string Namespace,
    string Group,
    int Position,
    string Kind,
    string Name,
    string Expr,
    string? For,
    [property: JsonPropertyName("keep_firing_for")] string? KeepFiringFor,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    bool Enabled,
    ThresholdResponse? Threshold,
    IReadOnlyList<FindingResponse> Findings,
    uint Version,
    int VersionNumber,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

public sealed record ThresholdResponse(
    string Query,
    string Operator,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Value);

public sealed record FindingResponse(string Id, string Severity, string Message, string Field, int? Line, int? Column);

public sealed record RuleListItemResponse(
    Guid Id,
    string Namespace,
    string Group,
    int Position,
    string Kind,
    string Name,
    string Expr,
    string? Severity,
    bool Enabled,
    int ErrorCount,
    int WarningCount,
    double? FiresPerWeek,
    DateTimeOffset UpdatedAt,
    uint Version);

public sealed record RulePageResponse(IReadOnlyList<RuleListItemResponse> Items, int Total)
{
    /// <summary>True when the count stopped early: at least <c>total</c> rules match, always more than skip + take.</summary>
    public bool TotalIsLowerBound { get; init; }
}

/// <summary>
/// The body of POST and PUT /rules. The read-only fields of <see cref="RuleResponse"/> are accepted
/// and ignored so that a client can send back what it read; any other unknown field is refused.
/// </summary>
public sealed record RuleRequest
{
    public Guid? GroupId { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Expr { get; init; }
    public string? For { get; init; }
    [JsonPropertyName("keep_firing_for")]
    public string? KeepFiringFor { get; init; }
    public Dictionary<string, string?>? Labels { get; init; }
    public Dictionary<string, string?>? Annotations { get; init; }
    public bool? Enabled { get; init; }
    public string? Reason { get; init; }
    public uint? Version { get; init; }

    public JsonElement? Id { get; init; }
    public JsonElement? Namespace { get; init; }
    public JsonElement? Group { get; init; }
    public JsonElement? Position { get; init; }
    public JsonElement? Threshold { get; init; }
    public JsonElement? Findings { get; init; }
    /// <summary>
    /// The content version the client read: with it, a rule whose row only moved (a neighbour was
    /// reordered) is no conflict, new content still is (docs/decisions/0008).
    /// </summary>
    public int? VersionNumber { get; init; }
    public JsonElement? UpdatedAt { get; init; }
    public JsonElement? UpdatedBy { get; init; }
}

/// <summary>Between the API's JSON and the catalog's records; pure, so every mapping has a unit test.</summary>
public static class RuleMapping
{
    public static string Wire(RuleKind kind) => kind == RuleKind.Alerting ? "alerting" : "recording";

    public static string Wire(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "info",
    };

    public static RuleKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        // The rule-file keys (alert, record) are accepted too: that is what people type.
        "alerting" or "alert" => RuleKind.Alerting,
        "recording" or "record" => RuleKind.Recording,
        _ => null,
    };

    public static RuleResponse ToResponse(RuleDetail rule)
    {
        var content = rule.Content;
        return new RuleResponse(rule.Id, rule.GroupId, rule.Namespace, rule.Group, rule.Position, Wire(content.Kind), content.Name,
            content.Expression, content.For?.ToString(), content.KeepFiringFor?.ToString(), content.Labels, content.Annotations,
            content.Enabled, content.Threshold is { } t ? new ThresholdResponse(t.Query, t.Operator, t.Threshold) : null,
            rule.Findings.Select(ToResponse).ToList(), rule.Version, rule.VersionNumber, rule.UpdatedAt, rule.UpdatedBy);
    }

    public static FindingResponse ToResponse(LintFinding finding) =>
        new(finding.Id, Wire(finding.Severity), finding.Message, finding.Field, finding.Position?.Line, finding.Position?.Column);

    public static RuleListItemResponse ToResponse(RuleListItem item) =>
        new(item.Id, item.Namespace, item.Group, item.Position, Wire(item.Kind), item.Name, item.Expression, item.Severity, item.Enabled,
            item.ErrorCount, item.WarningCount, item.FiresPerWeek, item.UpdatedAt, item.Version);

    public static RulePageResponse ToResponse(RulePage page) =>
        new(page.Items.Select(ToResponse).ToList(), page.Total) { TotalIsLowerBound = page.TotalIsLowerBound };

    /// <summary>
    /// The rule content of a request. When a field cannot even be read (unknown kind, bad duration)
    /// the errors also include everything <see cref="RuleContent.Validate"/> finds in the rest, so
    /// one answer lists every problem.
    /// </summary>
    public static (RuleContent? Content, IReadOnlyList<FieldError> Errors) ToContent(
        string? kindText, string? name, string? expr, string? @for, string? keepFiringFor,
        IReadOnlyDictionary<string, string?>? labels, IReadOnlyDictionary<string, string?>? annotations, bool enabled,
        RuleKind? defaultKind = null)
    {
        var errors = new List<FieldError>();
        var kind = kindText is null ? defaultKind : ParseKind(kindText);
        if (kind is null)
        {
            errors.Add(new FieldError("kind", kindText is null
                ? "Say which kind of rule this is: \"alerting\" or \"recording\"."
                : $"\"{kindText}\" is not a kind of rule: use \"alerting\" or \"recording\"."));
        }

        var forValue = Duration("for", @for, errors);
        var keepFiringForValue = Duration("keep_firing_for", keepFiringFor, errors);
        var labelMap = Map("labels", labels, errors);
        var annotationMap = Map("annotations", annotations, errors);
        var content = new RuleContent(kind ?? RuleKind.Alerting, name ?? "", expr ?? "", forValue, keepFiringForValue, labelMap, annotationMap, enabled);
        if (errors.Count == 0)
        {
            return (content, []);
        }

        var seen = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(content.Validate().Where(e => !seen.Contains(e.Field)));
        return (null, errors);
    }

    public static (RuleEdit? Edit, IReadOnlyList<FieldError> Errors) ToEdit(RuleRequest request, Guid? id, Guid? groupId, uint version, bool enabled)
    {
        var (content, errors) = ToContent(request.Kind, request.Name, request.Expr, request.For, request.KeepFiringFor,
            request.Labels, request.Annotations, request.Enabled ?? enabled);
        if (groupId is null || groupId == Guid.Empty)
        {
            errors = [new FieldError("groupId", "Say which group the rule belongs to (groupId; GET /api/v1/namespaces/{name} lists the groups)."), .. errors];
        }

        return content is null || errors.Count > 0
            ? (null, errors)
            : (new RuleEdit(id, groupId!.Value, content, version, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
                request.VersionNumber), []);
    }

    private static PromDuration? Duration(string field, string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (PromDuration.TryParse(text.Trim(), out var duration, out var error))
        {
            return duration;
        }

        errors.Add(new FieldError(field, error));
        return null;
    }

    private static LabelMap Map(string field, IReadOnlyDictionary<string, string?>? items, List<FieldError> errors)
    {
        if (items is null || items.Count == 0)
        {
            return LabelMap.Empty;
        }

        var missing = items.Where(i => i.Value is null).Select(i => i.Key).ToList();
        foreach (var name in missing)
        {
            errors.Add(new FieldError($"{field}.{name}", $"\"{name}\" has no value; use a string (\"\" for empty)."));
        }

        try
        {
            return LabelMap.From(items.Where(i => i.Value is not null).Select(i => KeyValuePair.Create(i.Key, i.Value!)));
        }
        catch (ArgumentException e)
        {
            errors.Add(new FieldError(field, e.Message));
            return LabelMap.Empty;
        }
    }
}
