namespace Portal.Features.Rules;

/// <summary>
/// One string for identical rows shown in many circuits: the default first page of /rules is open in most on-call
/// tabs at once, and each of its rows is some 3 KB of HTML that every circuit otherwise keeps a copy of. A row is
/// built as before and then swapped for an equal one already held, if any. Slots hold their rows weakly, so a row no
/// circuit shows any more is collected; a slot another row hashes to is simply taken over.
/// </summary>
internal static class SharedRows
{
    private const int Slots = 4096;

    private static readonly WeakReference<string>?[] Pool = new WeakReference<string>?[Slots];

    public static string Share(string row)
    {
        ref var slot = ref Pool[(row.GetHashCode() & int.MaxValue) % Slots];
        var held = Volatile.Read(ref slot);
        if (held is null)
        {
            // Two renders racing here each keep their own row; one of them wins the slot.
            Volatile.Write(ref slot, new WeakReference<string>(row));
            return row;
        }

        if (held.TryGetTarget(out var shared) && string.Equals(shared, row, StringComparison.Ordinal))
        {
            return shared;
        }

        held.SetTarget(row);
        return row;
    }
}
