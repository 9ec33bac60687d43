namespace Portal.Domain.PromQl;

/// <summary>
/// The strings of short tokens seen lately on this thread, so that `job`, `rate`, `5m` and a label value
/// used twice in one rule are one string each instead of a new one per occurrence: a rule set repeats a
/// few hundred words, and their copies were a third of what a parse allocated. Direct-mapped: a slot
/// holds the last word that hashed to it, so the cache is bounded and a collision only costs a copy.
/// </summary>
internal static class WordCache
{
    private const int Slots = 1024;

    // Longer words are rarely repeated and would keep more text alive than they save.
    private const int MaxLength = 64;

    [ThreadStatic]
    private static string?[]? _slots;

    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return "";
        }

        if (text.Length > MaxLength)
        {
            return new string(text);
        }

        var slots = _slots ??= new string?[Slots];
        ref var slot = ref slots[Hash(text) & (Slots - 1)];
        if (slot is { } cached && text.SequenceEqual(cached))
        {
            return cached;
        }

        return slot = new string(text);
    }

    // FNV-1a over the characters: short words, so a cheap hash beats a strong one.
    private static int Hash(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }
}
