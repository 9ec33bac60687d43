namespace Portal.Domain.Templates;

/// <summary>The Go parameter types template functions declare; arguments are checked against them.</summary>
internal enum ParamType
{
    /// <summary>string: only a string literal or a value of type string (not template.HTML).</summary>
    String,

    /// <summary>interface {}: anything; number literals take Go's default type (int or float64).</summary>
    Interface,

    /// <summary>reflect.Value, which Go's builtins (eq, len, index, and, ...) take.</summary>
    Value,

    /// <summary>template.queryResult, what query returns.</summary>
    QueryResult,

    /// <summary>*template.sample, one element of a query result.</summary>
    Sample,
}

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

/// <summary>The error a Go template function returns; Go reports it as "error calling NAME: ...".</summary>
internal class GoFunctionException(string message) : Exception(message);

/// <summary>A template asked for live data (query), which an offline preview cannot provide.</summary>
internal sealed class LiveQueryException(string message) : GoFunctionException(message);
