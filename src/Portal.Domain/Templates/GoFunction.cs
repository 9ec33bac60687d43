namespace Portal.Domain.Templates;

/// <summary>A function callable from a template, with its Go signature.</summary>
internal sealed record GoFunction(ParamType[] Params, bool Variadic, Func<IReadOnlyList<GoValue>, GoValue> Call)
{
    public static string TypeName(ParamType type) => type switch
    {
        ParamType.String => "string",
        ParamType.Interface => "interface {}",
        ParamType.Value => "reflect.Value",
        ParamType.QueryResult => "template.queryResult",
        _ => "*template.sample",
    };
}
