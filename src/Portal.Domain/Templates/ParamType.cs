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
