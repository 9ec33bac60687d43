namespace Portal.Domain.PromQl;

/// <summary>
/// The ancestors of a node, nearest first: an immutable link to the parent and the parent's own
/// chain, shared by every child of that parent.
/// </summary>
public sealed class AncestorChain(Expr node, AncestorChain? rest) : IEnumerable<Expr>
{
    /// <summary>The nearest ancestor: the node's parent.</summary>
    public Expr Node { get; } = node;

    /// <summary>The parent's ancestors; null at the root.</summary>
    public AncestorChain? Rest { get; } = rest;

    public IEnumerator<Expr> GetEnumerator()
    {
        for (var link = this; link is not null; link = link.Rest)
        {
            yield return link.Node;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
