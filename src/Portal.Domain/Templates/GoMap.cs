namespace Portal.Domain.Templates;

/// <summary>map[string]string or map[string]interface {}; iteration and printing use sorted keys.</summary>
internal sealed record GoMap(IReadOnlyDictionary<string, GoValue> Entries, string ElemType)
    : GoValue("map[string]" + ElemType)
{
    public IEnumerable<KeyValuePair<string, GoValue>> Sorted() =>
        Entries.OrderBy(e => e.Key, GoStrings.Comparer);

    /// <summary>The zero value for a missing key, as missingkey=zero asks for.</summary>
    public GoValue Zero => ElemType == "string" ? new GoString("") : GoNil.Interface;

    public static GoMap Strings(IReadOnlyDictionary<string, string>? map)
    {
        var entries = new Dictionary<string, GoValue>(StringComparer.Ordinal);
        foreach (var (key, value) in map ?? new Dictionary<string, string>())
        {
            entries[key] = new GoString(value);
        }
        return new GoMap(entries, "string");
    }
}
