namespace Portal.Domain.PromQl;

/// <summary>
/// The strings of short tokens seen lately, so that `job`, `rate`, `5m` and a label value used twice in one rule are
/// one string each instead of a new one per occurrence: a rule set repeats a few hundred words, and their copies were
/// a third of what a parse allocated. Direct-mapped: a slot holds the last word that hashed to it, so the cache is
/// bounded and a collision only costs a copy. The slots belong to one thread's <see cref="ParserScratch"/>.
/// </summary>
internal static class WordCache
{
    public const int Slots = 1024;

    // Longer words are rarely repeated and would keep more text alive than they save.
    private const int MaxLength = 64;

    public static string Get(string?[]? slots, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return "";
        }

        if (slots is null || text.Length > MaxLength)
        {
            return new string(text);
        }

        ref var slot = ref slots[Hash(text) & (Slots - 1)];
        if (slot is { } cached && text.SequenceEqual(cached))
        {
            return cached;
        }

        return slot = new string(text);
    }

    // Length and three characters, not every one: a hash over the whole word cost more than the copy it saves, and
    // words that collide only take turns in a slot.
    private static int Hash(ReadOnlySpan<char> text) =>
        (int)(((uint)text.Length * 0x9E3779B1u) ^ ((uint)text[0] << 3) ^ ((uint)text[^1] << 6) ^ ((uint)text[text.Length >> 1] << 9));
}
