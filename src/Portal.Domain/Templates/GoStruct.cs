namespace Portal.Domain.Templates;

/// <summary>A struct value: the template data Prometheus passes as the dot.</summary>
internal sealed record GoStruct(IReadOnlyList<KeyValuePair<string, GoValue>> Fields, string StructType)
    : GoValue(StructType)
{
    public GoValue? Field(string name) =>
        Fields.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();
}
