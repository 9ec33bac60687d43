namespace Portal.Domain.Health;

/// <summary>The first items of a list that may be long, and how many were left out ("and N more").</summary>
public sealed record Bounded<T>(IReadOnlyList<T> Items, int Omitted)
{
    public static Bounded<T> Empty { get; } = new([], 0);

    public int Total => Items.Count + Omitted;
}
