namespace Portal.Domain.RuleFiles;

/// <summary>
/// A fenced <c>```yaml</c> block of a Markdown document. <see cref="FenceLine"/> is the 1-based line of
/// the opening fence; YAML line n of <see cref="Content"/> is document line <c>FenceLine + n</c>.
/// </summary>
internal sealed record MarkdownBlock(int FenceLine, int Indent, string Content);
