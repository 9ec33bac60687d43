namespace Portal.Domain.PromQl;

/// <summary>Walks and queries a parsed expression; the helpers later features and lint build on.</summary>
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

    /// <summary>Every node with the chain of its ancestors, nearest last, in source order.</summary>
    public static IEnumerable<(Expr Node, IReadOnlyList<Expr> Ancestors)> WithAncestors(Expr root)
    {
        var stack = new Stack<(Expr Node, Expr[] Ancestors)>();
        stack.Push((root, []));
        while (stack.Count > 0)
        {
            var (node, ancestors) = stack.Pop();
            yield return (node, ancestors);
            var path = new Expr[ancestors.Length + 1];
            ancestors.CopyTo(path, 0);
            path[^1] = node;
            foreach (var child in Children(node).Reverse())
            {
                stack.Push((child, path));
            }
        }
    }

    /// <summary>
    /// The same expression with every selector's matchers in name order: Prometheus prints matchers
    /// sorted, so comparing what it loaded with what was written needs both in one order.
    /// </summary>
    public static Expr SortMatchers(Expr expr) => expr switch
    {
        VectorSelector v => v with { Matchers = [.. v.Matchers.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Op).ThenBy(m => m.Value, StringComparer.Ordinal)] },
        MatrixSelector m => m with { Selector = (VectorSelector)SortMatchers(m.Selector) },
        ParenExpr p => p with { Inner = SortMatchers(p.Inner) },
        UnaryExpr u => u with { Operand = SortMatchers(u.Operand) },
        SubqueryExpr s => s with { Inner = SortMatchers(s.Inner) },
        Call c => c with { Args = [.. c.Args.Select(SortMatchers)] },
        AggregateExpr a => a with { Argument = SortMatchers(a.Argument), Parameter = a.Parameter is null ? null : SortMatchers(a.Parameter) },
        BinaryExpr b => b with { Lhs = SortMatchers(b.Lhs), Rhs = SortMatchers(b.Rhs) },
        _ => expr,
    };

    public static IEnumerable<Expr> Descendants(Expr root) => WithAncestors(root).Select(n => n.Node);

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

    public static Expr Unwrap(Expr expr) => expr is ParenExpr paren ? Unwrap(paren.Inner) : expr;
}
