namespace Portal.Domain.RuleFiles;

/// <summary>How the parser should read its input.</summary>
public enum InputFormat
{
    /// <summary>Markdown when the text has fenced code blocks, YAML otherwise.</summary>
    Auto,
    Yaml,
    Markdown,
}
