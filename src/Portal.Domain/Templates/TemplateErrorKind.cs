namespace Portal.Domain.Templates;

/// <summary>Whether a template failed to parse, failed while running, needs live data to run, or exceeded the portal's limits.</summary>
public enum TemplateErrorKind
{
    Syntax,
    Execution,
    NeedsLiveQuery,

    /// <summary>The template is longer, deeper, or costs more to render than <see cref="TemplateLimits"/> allow.</summary>
    Budget,
}
