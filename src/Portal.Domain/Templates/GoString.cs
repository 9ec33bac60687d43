namespace Portal.Domain.Templates;

/// <summary>A string kind; html/template.HTML from safeHtml is a distinct named string type.</summary>
internal sealed record GoString(string Value, string StringType = "string") : GoValue(StringType)
{
    public const string HtmlType = "template.HTML";
}
