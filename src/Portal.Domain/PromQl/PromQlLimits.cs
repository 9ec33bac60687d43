namespace Portal.Domain.PromQl;

/// <summary>
/// How big an expression the portal accepts. Every walker over a parsed tree relies on these: the
/// parser refuses anything larger, so no later step can be made to do unbounded work or recurse
/// off the end of the stack. The UI, API and docs quote the constants.
/// </summary>
public sealed record PromQlLimits
{
    /// <summary>Longest expression text, in UTF-16 characters (64 KiB).</summary>
    public const int DefaultMaxTextLength = 64 * 1024;

    /// <summary>Most nodes (numbers, selectors, calls, operators, ...) one expression may have.</summary>
    public const int DefaultMaxNodes = 10_000;

    /// <summary>Deepest tree, counted in nodes from the root, binary operator chains included.</summary>
    public const int DefaultMaxDepth = 512;

    /// <summary>The limits every caller gets.</summary>
    public static PromQlLimits Default { get; } = new();

    public int MaxTextLength { get; init; } = DefaultMaxTextLength;

    public int MaxNodes { get; init; } = DefaultMaxNodes;

    public int MaxDepth { get; init; } = DefaultMaxDepth;
}
