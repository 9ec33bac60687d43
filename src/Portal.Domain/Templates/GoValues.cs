namespace Portal.Domain.Templates;

// The handful of Go types that Prometheus alert templates can produce. Go's text/template is
// dynamically typed over reflect.Value; modelling the type name on every value lets errors and
// %T read exactly as Prometheus prints them.

/// <summary>A value inside the template evaluator, tagged with its Go type name.</summary>
internal abstract record GoValue(string Type);

/// <summary>Go's zero reflect.Value: no value at all. Printed by an action as "&lt;no value&gt;".</summary>
internal sealed record GoInvalid() : GoValue("<invalid>")
{
    public static readonly GoInvalid Instance = new();
}

/// <summary>A typed nil (a nil interface{} or a nil pointer); fmt prints it as "&lt;nil&gt;".</summary>
internal sealed record GoNil(string NilType) : GoValue(NilType)
{
    public static readonly GoNil Interface = new("interface {}");
}

internal sealed record GoBool(bool Value) : GoValue("bool")
{
    public static readonly GoBool True = new(true);
    public static readonly GoBool False = new(false);
    public static GoBool Of(bool value) => value ? True : False;
}

/// <summary>Go's int (64-bit on every platform Prometheus ships for).</summary>
internal sealed record GoInt(long Value) : GoValue("int");

internal sealed record GoFloat(double Value) : GoValue("float64");

/// <summary>A string kind; html/template.HTML from safeHtml is a distinct named string type.</summary>
internal sealed record GoString(string Value, string StringType = "string") : GoValue(StringType)
{
    public const string HtmlType = "template.HTML";
}

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

/// <summary>A struct value: the template data Prometheus passes as the dot.</summary>
internal sealed record GoStruct(IReadOnlyList<KeyValuePair<string, GoValue>> Fields, string StructType)
    : GoValue(StructType)
{
    public GoValue? Field(string name) =>
        Fields.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();
}

/// <summary>A *time.Time as toTime returns it; Prometheus' times are whole milliseconds in UTC.</summary>
internal sealed record GoTime(long UnixMilliseconds) : GoValue("*time.Time");

/// <summary>The result of query (template.queryResult); it exists only so signatures type-check.</summary>
internal sealed record GoQueryResult() : GoValue("template.queryResult");

internal static class GoValues
{
    /// <summary>Go's truth: false, 0, nil and empty strings and maps are false.</summary>
    public static bool IsTrue(GoValue value) => value switch
    {
        GoInvalid or GoNil => false,
        GoBool b => b.Value,
        GoInt i => i.Value != 0,
        GoFloat f => f.Value != 0,
        GoString s => s.Value.Length > 0,
        GoMap m => m.Entries.Count > 0,
        _ => true,
    };

    public static string TypeName(GoValue? value) => value is null or GoInvalid ? "<nil>" : value.Type;
}

/// <summary>Go compares and sorts strings by their UTF-8 bytes, which is code point order.</summary>
internal static class GoStrings
{
    public static readonly IComparer<string> Comparer = Comparer<string>.Create(Compare);

    public static int Compare(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return string.CompareOrdinal(a, b);
        }
        var x = a.EnumerateRunes().GetEnumerator();
        var y = b.EnumerateRunes().GetEnumerator();
        while (true)
        {
            var hasX = x.MoveNext();
            var hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return hasX.CompareTo(hasY);
            }
            var c = x.Current.Value.CompareTo(y.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    public static int ByteLength(string s) => System.Text.Encoding.UTF8.GetByteCount(s);
}
