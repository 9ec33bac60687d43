namespace Portal.Domain.PromQl;

/// <summary>
/// The token list and height table of one parse, kept per thread for the next one: for a typical rule
/// they were half of what a parse allocated, and lint and imports parse thousands in a row. Both are
/// emptied when returned, so no parse sees another's tokens or keeps another's tree alive.
/// </summary>
internal sealed class ParserScratch
{
    // Beyond this the lists of an unusually large expression are left to the collector instead of kept.
    private const int MaxKeptCapacity = 4096;

    [ThreadStatic]
    private static ParserScratch? _free;

    public List<Token> Tokens { get; } = new(64);

    // By reference: records compare by value, which would walk whole subtrees.
    public Dictionary<Expr, int> Heights { get; } = new(32, ReferenceEqualityComparer.Instance);

    // Stacks the parser collects a node's children on before copying them into an array of the exact
    // size: a List per selector, call and grouping was a third of the tree's bytes. Calls nest, so each
    // collector takes from its own starting count up (see Parser.TakeFrom).
    public List<LabelMatcher> Matchers { get; } = new(16);

    public List<Expr> Args { get; } = new(16);

    public List<string> Labels { get; } = new(16);

    /// <summary>The nodes of a parse while it is too small to need heights (see Parser.Track).</summary>
    public List<Expr> Built { get; } = new(64);

    /// <summary>The slots of the <see cref="WordCache"/> this thread's parses share.</summary>
    public string?[] Words { get; } = new string?[WordCache.Slots];

    /// <summary>This thread's scratch, or a new one when it is in use (a parse inside a parse) or was dropped.</summary>
    public static ParserScratch Rent()
    {
        var scratch = _free ?? new ParserScratch();
        _free = null;
        return scratch;
    }

    public static void Return(ParserScratch scratch)
    {
        if (scratch.Tokens.Capacity > MaxKeptCapacity || scratch.Heights.Count > MaxKeptCapacity
            || scratch.Args.Capacity > MaxKeptCapacity || scratch.Matchers.Capacity > MaxKeptCapacity || scratch.Labels.Capacity > MaxKeptCapacity
            || scratch.Built.Capacity > MaxKeptCapacity)
        {
            return;
        }

        scratch.Tokens.Clear();
        scratch.Heights.Clear();
        // A parse that failed half-way leaves its collectors partly filled.
        scratch.Matchers.Clear();
        scratch.Args.Clear();
        scratch.Labels.Clear();
        scratch.Built.Clear();
        _free = scratch;
    }
}
