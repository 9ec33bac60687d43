namespace Portal.Domain.Templates;

/// <summary>An execution error: Go's message, the node it happened at, and the template executing.</summary>
internal sealed class TemplateExecException(string message, Node? node, string templateName,
    TemplateErrorKind kind = TemplateErrorKind.Execution) : Exception(message)
{
    public Node? Node { get; } = node;

    public string TemplateName { get; } = templateName;

    public TemplateErrorKind Kind { get; } = kind;
}
