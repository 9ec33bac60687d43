namespace Portal.Domain.RuleFiles;

/// <summary>Where a YAML text sits in the caller's input: Markdown blocks start below their fence and may be indented.</summary>
internal sealed record YamlSource(string Label, int LineOffset, int ColumnOffset, int? FenceLine);
