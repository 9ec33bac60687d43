namespace Portal.Domain.Templates;

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
