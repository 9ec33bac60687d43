namespace Portal.Domain.Templates;

/// <summary>
/// A template error. Line and Column (1-based, in characters) point into the user's template;
/// Message is Go's own text, so it reads as Prometheus would report it.
/// </summary>
public sealed record TemplateError(TemplateErrorKind Kind, string Message, int Line, int Column)
{
    internal string GoLocation { get; init; } = "";

    internal string GoContext { get; init; } = "";

    internal string ExecutingTemplate { get; init; } = "";

    /// <summary>
    /// The text Prometheus puts into the annotation when this template fails for the alerting rule
    /// named <paramref name="alertName"/> ("&lt;error expanding template: ...&gt;").
    /// </summary>
    public string PrometheusAnnotation(string alertName)
    {
        var name = "__alert_" + alertName;
        var detail = Kind == TemplateErrorKind.Syntax || (Kind == TemplateErrorKind.Budget && GoContext.Length == 0)
            ? $"error parsing template {name}: template: {name}:{GoLocation}: {Message}"
            : $"error executing template {name}: template: {name}:{GoLocation}: executing " +
              $"{GoText.Quote(ExecutingTemplate.Length == 0 ? name : ExecutingTemplate)} at <{GoContext}>: {Message}";
        return $"<error expanding template: {detail}>";
    }
}
