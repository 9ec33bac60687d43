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

    /// <summary>This thread's scratch, or a new one when it is in use (a parse inside a parse) or was dropped.</summary>
    public static ParserScratch Rent()
    {
        var scratch = _free ?? new ParserScratch();
        _free = null;
        return scratch;
    }

    public static void Return(ParserScratch scratch)
    {
        if (scratch.Tokens.Capacity > MaxKeptCapacity || scratch.Heights.Count > MaxKeptCapacity)
        {
            return;
        }

        scratch.Tokens.Clear();
        scratch.Heights.Clear();
        _free = scratch;
    }
}
