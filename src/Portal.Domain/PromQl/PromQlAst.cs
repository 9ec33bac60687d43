namespace Portal.Domain.PromQl;

/// <summary>
/// Walks and queries a parsed expression; the helpers later features and lint build on. Every walk
/// here is iterative, so a tree of any depth costs heap, not stack.
/// </summary>
public static class PromQlAst
{
    public static IEnumerable<Expr> Children(Expr expr) => expr switch
    {
        ParenExpr p => [p.Inner],
        UnaryExpr u => [u.Operand],
        MatrixSelector m => [m.Selector],
        SubqueryExpr s => [s.Inner],
        Call c => c.Args,
        AggregateExpr a => a.Parameter is null ? [a.Argument] : [a.Parameter, a.Argument],
        BinaryExpr b => [b.Lhs, b.Rhs],
        _ => [],
    };

    /// <summary>
    /// Every node in source order with a context its parent handed down: <paramref name="descend"/>
    /// makes a child's context from its parent and the parent's context. Checks that need "is any
    /// ancestor a ...?" carry the answer down instead of searching the ancestors at every node.
    /// </summary>
    public static IEnumerable<(Expr Node, TContext Context)> Walk<TContext>(Expr root, TContext rootContext, Func<Expr, TContext, TContext> descend)
    {
        ArgumentNullException.ThrowIfNull(descend);
        var stack = new Stack<(Expr Node, TContext Context)>();
        stack.Push((root, rootContext));
        var children = new List<Expr>();
        while (stack.Count > 0)
        {
            var (node, context) = stack.Pop();
            yield return (node, context);
            children.Clear();
            children.AddRange(Children(node));
            if (children.Count == 0)
            {
                continue;
            }

            var inherited = descend(node, context);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push((children[i], inherited));
            }
        }
    }

    /// <summary>
    /// Every node with the chain of its ancestors, nearest first, in source order. Siblings share their
    /// parent's link, so the walk costs one link per node however deep the tree is.
    /// </summary>
    public static IEnumerable<(Expr Node, AncestorChain? Ancestors)> WithAncestors(Expr root) =>
        Walk<AncestorChain?>(root, null, (parent, chain) => new AncestorChain(parent, chain));

    /// <summary>
    /// The same expression with every selector's matchers in name order: Prometheus prints matchers
    /// sorted, so comparing what it loaded with what was written needs both in one order.
    /// </summary>
    public static Expr SortMatchers(Expr expr) => SortMatchers(expr, 0);

    // Recursive, so guarded: parsed trees are at most PromQlLimits.DefaultMaxDepth deep.
    private static Expr SortMatchers(Expr expr, int depth)
    {
        DepthGuard.Check(depth);
        var next = depth + 1;
        return expr switch
        {
            VectorSelector v => v with { Matchers = [.. v.Matchers.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Op).ThenBy(m => m.Value, StringComparer.Ordinal)] },
            MatrixSelector m => m with { Selector = (VectorSelector)SortMatchers(m.Selector, next) },
            ParenExpr p => p with { Inner = SortMatchers(p.Inner, next) },
            UnaryExpr u => u with { Operand = SortMatchers(u.Operand, next) },
            SubqueryExpr s => s with { Inner = SortMatchers(s.Inner, next) },
            Call c => c with { Args = [.. c.Args.Select(a => SortMatchers(a, next))] },
            AggregateExpr a => a with { Argument = SortMatchers(a.Argument, next), Parameter = a.Parameter is null ? null : SortMatchers(a.Parameter, next) },
            BinaryExpr b => b with { Lhs = SortMatchers(b.Lhs, next), Rhs = SortMatchers(b.Rhs, next) },
            _ => expr,
        };
    }

    public static IEnumerable<Expr> Descendants(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        var children = new List<Expr>();
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            children.Clear();
            children.AddRange(Children(node));
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>Nodes in the tree and its height (a lone number is 1 deep), measured without recursion.</summary>
    public static (int Nodes, int Depth) Measure(Expr root)
    {
        var (nodes, deepest) = (0, 0);
        foreach (var (_, depth) in Walk(root, 1, (_, d) => d + 1))
        {
            nodes++;
            deepest = Math.Max(deepest, depth);
        }

        return (nodes, deepest);
    }

    public static IReadOnlyList<VectorSelector> Selectors(Expr root) => Descendants(root).OfType<VectorSelector>().ToList();

    /// <summary>The metric names an expression reads, from `name{...}` as well as `{__name__="name"}`.</summary>
    public static IReadOnlySet<string> MetricNames(Expr root)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var selector in Selectors(root))
        {
            if (MetricName(selector) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    public static string? MetricName(VectorSelector selector) =>
        selector.Name ?? selector.Matchers.FirstOrDefault(m => m.Name == "__name__" && m.Op == MatchOp.Equal)?.Value;

    public static Expr Unwrap(Expr expr)
    {
        while (expr is ParenExpr paren)
        {
            expr = paren.Inner;
        }

        return expr;
    }
}
