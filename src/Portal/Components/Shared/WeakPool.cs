namespace Portal.Components.Shared;

/// <summary>
/// Hands out one instance for equal values built in many circuits: a value is built as before and then swapped for
/// an equal one already held, if any. Slots hold their values weakly, so a value no circuit uses any more is
/// collected; a slot another value hashes to is simply taken over. Every circuit on the rules page holds the same
/// namespace list and, mostly, the same first page of rules; without this each kept its own copy.
/// </summary>
internal sealed class WeakPool<T>(int slots, IEqualityComparer<T> comparer) where T : class
{
    private readonly WeakReference<T>?[] _slots = new WeakReference<T>?[slots];

    public T Share(T value)
    {
        ref var slot = ref _slots[(comparer.GetHashCode(value) & int.MaxValue) % _slots.Length];
        var held = Volatile.Read(ref slot);
        if (held is null)
        {
            // Two renders racing here each keep their own value; one of them wins the slot.
            Volatile.Write(ref slot, new WeakReference<T>(value));
            return value;
        }

        if (held.TryGetTarget(out var shared) && comparer.Equals(shared, value))
        {
            return shared;
        }

        held.SetTarget(value);
        return value;
    }
}

/// <summary>Lists equal item by item (the items' own equality: records compare their values).</summary>
internal sealed class ItemwiseComparer<TItem> : IEqualityComparer<IReadOnlyList<TItem>>
{
    public static readonly ItemwiseComparer<TItem> Instance = new();

    public bool Equals(IReadOnlyList<TItem>? x, IReadOnlyList<TItem>? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

    public int GetHashCode(IReadOnlyList<TItem> list)
    {
        var hash = new HashCode();
        hash.Add(list.Count);
        foreach (var item in list)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
