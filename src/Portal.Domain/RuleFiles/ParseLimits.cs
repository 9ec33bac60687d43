namespace Portal.Domain.RuleFiles;

/// <summary>Hard limits that keep a hostile or accidental input from tying up the portal.</summary>
public static class ParseLimits
{
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>YAML documents in one input, counting every fenced block of a Markdown document.</summary>
    public const int MaxDocuments = 50;

    /// <summary>Nodes that aliases may add on top of the text itself ("billion laughs" stops here).</summary>
    public const long MaxAliasExpansion = 100_000;

    /// <summary>Nesting depth; rule files need about seven levels, and YAML parsing slows badly on deep nesting.</summary>
    public const int MaxDepth = 64;
}
