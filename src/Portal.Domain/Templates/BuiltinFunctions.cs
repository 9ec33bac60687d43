using System.Text;

namespace Portal.Domain.Templates;

/// <summary>The functions every Go text/template has (Go 1.19's builtins).</summary>
internal static class BuiltinFunctions
{
    private static readonly ParamType[] Value = [ParamType.Value];
    private static readonly ParamType[] TwoValues = [ParamType.Value, ParamType.Value];
    private static readonly ParamType[] Anything = [ParamType.Interface];

    public static void AddTo(Dictionary<string, GoFunction> functions, TemplateBudget budget)
    {
        // and/or are evaluated lazily by the evaluator; these bodies only give them a signature.
        functions["and"] = new(TwoValues, true, args => args[^1]);
        functions["or"] = new(TwoValues, true, args => args[^1]);
        functions["not"] = new(Value, false, args => GoBool.Of(!GoValues.IsTrue(args[0])));
        functions["len"] = new(Value, false, args => Length(args[0]));
        functions["index"] = new(TwoValues, true, args => Index(args[0], args.Skip(1)));
        functions["slice"] = new(TwoValues, true, args => Slice(args[0], args.Skip(1).ToList()));
        functions["call"] = new(TwoValues, true, args => throw new GoFunctionException(
            args[0] is GoInvalid ? "call of nil" : $"non-function of type {args[0].Type}"));
        functions["print"] = new(Anything, true, args => new GoString(GoFmt.Sprint(args, budget)));
        functions["println"] = new(Anything, true, args => new GoString(GoFmt.Sprintln(args, budget)));
        functions["printf"] = new([ParamType.String, ParamType.Interface], true,
            args => new GoString(GoFmt.Sprintf(((GoString)args[0]).Value, args.Skip(1).ToList(), budget)));
        functions["html"] = new(Anything, true, args => new GoString(HtmlEscape(EvalArgs(args, budget))));
        functions["js"] = new(Anything, true, args => new GoString(JsEscape(EvalArgs(args, budget))));
        functions["urlquery"] = new(Anything, true, args => new GoString(GoText.QueryEscape(EvalArgs(args, budget))));
        functions["eq"] = new(TwoValues, true, args => GoBool.Of(Eq(args[0], args.Skip(1).ToList())));
        functions["ne"] = new(TwoValues, false, args => GoBool.Of(!Eq(args[0], [args[1]])));
        functions["lt"] = new(TwoValues, false, args => GoBool.Of(Lt(args[0], args[1])));
        functions["le"] = new(TwoValues, false, args => GoBool.Of(Le(args[0], args[1])));
        functions["gt"] = new(TwoValues, false, args => GoBool.Of(!Le(args[0], args[1])));
        functions["ge"] = new(TwoValues, false, args => GoBool.Of(!Lt(args[0], args[1])));
    }

    private enum Kind { Invalid, Bool, Int, Float, String }

    private static Kind BasicKind(GoValue v) => v switch
    {
        GoBool => Kind.Bool,
        GoInt => Kind.Int,
        GoFloat => Kind.Float,
        GoString => Kind.String,
        _ => Kind.Invalid,
    };

    /// <summary>Go's eq: basic kinds must match (an int never equals a float64), else an error.</summary>
    private static bool Eq(GoValue arg1, IReadOnlyList<GoValue> others)
    {
        if (others.Count == 0)
        {
            throw new GoFunctionException("missing argument for comparison");
        }
        var k1 = BasicKind(arg1);
        foreach (var arg in others)
        {
            var k2 = BasicKind(arg);
            bool truth;
            if (k1 != k2)
            {
                if (arg1 is not GoInvalid && arg is not GoInvalid)
                {
                    throw new GoFunctionException("incompatible types for comparison");
                }
                truth = false;
            }
            else
            {
                truth = (arg1, arg) switch
                {
                    (GoBool a, GoBool b) => a.Value == b.Value,
                    (GoInt a, GoInt b) => a.Value == b.Value,
                    (GoFloat a, GoFloat b) => a.Value == b.Value,
                    (GoString a, GoString b) => a.Value == b.Value,
                    (GoInvalid, _) or (_, GoInvalid) => arg1 is GoInvalid && arg is GoInvalid,
                    _ when arg1.Type != arg.Type => throw new GoFunctionException(
                        $"non-comparable types {GoFmt.Sprint([arg1])}: {arg1.Type}, {arg.Type}: {GoFmt.Sprint([arg])}"),
                    (GoMap or GoStruct or GoQueryResult, _) => throw new GoFunctionException(
                        $"non-comparable type {GoFmt.Sprint([arg])}: {arg.Type}"),
                    _ => Equals(arg1, arg),
                };
            }
            if (truth)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Lt(GoValue arg1, GoValue arg2)
    {
        var k1 = BasicKind(arg1);
        var k2 = BasicKind(arg2);
        if (k1 == Kind.Invalid || k2 == Kind.Invalid)
        {
            throw new GoFunctionException("invalid type for comparison");
        }
        if (k1 != k2)
        {
            throw new GoFunctionException("incompatible types for comparison");
        }
        return (arg1, arg2) switch
        {
            (GoInt a, GoInt b) => a.Value < b.Value,
            (GoFloat a, GoFloat b) => a.Value < b.Value,
            (GoString a, GoString b) => GoStrings.Compare(a.Value, b.Value) < 0,
            _ => throw new GoFunctionException("invalid type for comparison"),
        };
    }

    // Go composes le/gt/ge from lt and eq, which decides how NaN compares: gt NaN 1 is true.
    private static bool Le(GoValue arg1, GoValue arg2) => Lt(arg1, arg2) || Eq(arg1, [arg2]);

    private static GoValue Length(GoValue item) => item switch
    {
        GoString s => new GoInt(GoStrings.ByteLength(s.Value)),
        GoMap m => new GoInt(m.Entries.Count),
        GoQueryResult => new GoInt(0),
        GoNil => throw new GoFunctionException("len of nil pointer"),
        GoInvalid => throw new GoFunctionException("reflect: call of reflect.Value.Type on zero Value"),
        _ => throw new GoFunctionException($"len of type {item.Type}"),
    };

    private static GoValue Index(GoValue item, IEnumerable<GoValue> indexes)
    {
        if (item is GoInvalid)
        {
            throw new GoFunctionException("index of untyped nil");
        }
        foreach (var index in indexes)
        {
            item = item switch
            {
                GoNil => throw new GoFunctionException("index of nil pointer"),
                GoMap map => index switch
                {
                    GoString { StringType: "string" } key => map.Entries.TryGetValue(key.Value, out var v) ? v : map.Zero,
                    GoInvalid => throw new GoFunctionException("value is nil; should be of type string"),
                    _ => throw new GoFunctionException($"value has type {index.Type}; should be string"),
                },
                GoString s => IndexString(s.Value, index),
                GoQueryResult => throw new GoFunctionException($"index out of range: {IndexOf(index)}"),
                _ => throw new GoFunctionException($"can't index item of type {item.Type}"),
            };
        }
        return item;
    }

    private static long IndexOf(GoValue index) => index switch
    {
        GoInt i => i.Value,
        GoInvalid => throw new GoFunctionException("cannot index slice/array with nil"),
        _ => throw new GoFunctionException($"cannot index slice/array with type {index.Type}"),
    };

    /// <summary>Indexing a string yields a byte (uint8), printed as its number.</summary>
    private static GoValue IndexString(string s, GoValue index)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var x = IndexOf(index);
        if (x < 0 || x > bytes.Length)
        {
            throw new GoFunctionException($"index out of range: {x}");
        }
        if (x == bytes.Length)
        {
            throw new GoFunctionException($"reflect: string index out of range");
        }
        return new GoInt(bytes[x]);
    }

    private static GoValue Slice(GoValue item, IReadOnlyList<GoValue> indexes)
    {
        if (item is not GoString s)
        {
            throw new GoFunctionException(item is GoInvalid ? "slice of untyped nil" : $"can't slice item of type {item.Type}");
        }
        if (indexes.Count > 2)
        {
            throw new GoFunctionException($"cannot 3-index slice a string");
        }
        var bytes = Encoding.UTF8.GetBytes(s.Value);
        var bounds = new long[] { 0, bytes.Length };
        for (var i = 0; i < indexes.Count; i++)
        {
            bounds[i] = IndexOf(indexes[i]);
            if (bounds[i] < 0 || bounds[i] > bytes.Length)
            {
                throw new GoFunctionException($"index out of range: {bounds[i]}");
            }
        }
        if (bounds[0] > bounds[1])
        {
            throw new GoFunctionException($"invalid slice index: {bounds[0]} > {bounds[1]}");
        }
        return new GoString(Encoding.UTF8.GetString(bytes, (int)bounds[0], (int)(bounds[1] - bounds[0])));
    }

    /// <summary>Go's evalArgs: one string as is, anything else through fmt.Sprint.</summary>
    private static string EvalArgs(IReadOnlyList<GoValue> args, TemplateBudget budget) =>
        args is [GoString { StringType: "string" } only] ? only.Value : GoFmt.Sprint(args, budget);

    private static string HtmlEscape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&#34;", StringComparison.Ordinal)
        .Replace("\0", "\uFFFD", StringComparison.Ordinal);

    private static string JsEscape(string s)
    {
        var sb = new StringBuilder();
        foreach (var rune in s.EnumerateRunes())
        {
            var r = rune.Value;
            sb.Append(r switch
            {
                '\\' => "\\\\", '\'' => "\\'", '"' => "\\\"", '<' => "\\u003C", '>' => "\\u003E",
                '&' => "\\u0026", '=' => "\\u003D",
                < ' ' => "\\u00" + r.ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
                _ when r >= 0x80 && !GoText.IsPrint(rune) => "\\u" + r.ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                _ => rune.ToString(),
            });
        }
        return sb.ToString();
    }
}
