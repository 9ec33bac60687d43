namespace Portal.Domain.Health;

/// <summary>The first items of a list that may be long, and how many were left out ("and N more"); for grouped items (targets by job) <see cref="Omitted"/> counts the underlying items.</summary>
public sealed record Bounded<T>(IReadOnlyList<T> Items, int Omitted)
{
    public static Bounded<T> Empty { get; } = new([], 0);

    public bool IsEmpty => Items.Count == 0 && Omitted == 0;
}
