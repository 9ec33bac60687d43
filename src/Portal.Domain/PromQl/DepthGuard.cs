namespace Portal.Domain.PromQl;

/// <summary>The check recursive walkers make before going one level deeper.</summary>
internal static class DepthGuard
{
    public static void Check(int depth)
    {
        if (depth > PromQlLimits.DefaultMaxDepth)
        {
            throw new ExpressionTooDeepException(PromQlLimits.DefaultMaxDepth);
        }
    }
}
