namespace Portal.Domain.PromQl;

/// <summary>
/// Thrown by a tree walker handed a tree deeper than <see cref="PromQlLimits.DefaultMaxDepth"/>: only
/// code can build one (the parser refuses them), and refusing it beats overflowing the stack.
/// </summary>
public sealed class ExpressionTooDeepException(int maxDepth)
    : InvalidOperationException($"The expression tree is nested more than {maxDepth} levels deep; the parser refuses such expressions.")
{
    public int MaxDepth { get; } = maxDepth;
}
