using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Portal.Domain.RuleFiles;

/// <summary>
/// Labels or annotations of a rule: immutable, sorted by name (ordinal) and compared by content, so two
/// imports of the same file are equal and a rendered file never changes because of insertion order.
/// Names are not validated here (an invalid name is a validation problem to report, not a crash);
/// the only invariant is text that can be written as UTF-8 at all.
/// </summary>
public sealed class LabelMap : IReadOnlyDictionary<string, string>, IEquatable<LabelMap>
{
    public static readonly LabelMap Empty = new(ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, string> _items;

    private LabelMap(ImmutableSortedDictionary<string, string> items) => _items = items;

    public static LabelMap From(IEnumerable<KeyValuePair<string, string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in items)
        {
            Text.RequireWellFormed(name, "label name");
            Text.RequireWellFormed(value, "label value");
            if (!builder.TryAdd(name, value))
            {
                throw new ArgumentException($"The name \"{name}\" appears twice.", nameof(items));
            }
        }

        return builder.Count == 0 ? Empty : new LabelMap(builder.ToImmutable());
    }

    public static LabelMap Of(params (string Name, string Value)[] items) =>
        From(items.Select(i => KeyValuePair.Create(i.Name, i.Value)));

    public LabelMap With(string name, string value)
    {
        Text.RequireWellFormed(name, "label name");
        Text.RequireWellFormed(value, "label value");
        return new LabelMap(_items.SetItem(name, value));
    }

    public LabelMap Without(string name) => _items.ContainsKey(name) ? new LabelMap(_items.Remove(name)) : this;

    public int Count => _items.Count;

    public string this[string key] => _items[key];

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<string> Values => _items.Values;

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(LabelMap? other) =>
        other is not null && (ReferenceEquals(this, other) || (Count == other.Count && this.SequenceEqual(other)));

    public override bool Equals(object? obj) => Equals(obj as LabelMap);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in _items)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(LabelMap? left, LabelMap? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(LabelMap? left, LabelMap? right) => !(left == right);

    public override string ToString() => "{" + string.Join(", ", _items.Select(i => $"{i.Key}=\"{i.Value}\"")) + "}";
}
