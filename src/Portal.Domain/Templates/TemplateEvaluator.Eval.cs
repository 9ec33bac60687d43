namespace Portal.Domain.Templates;

// Pipelines, commands, fields and calls. "final" is the previous pipeline stage's value,
// passed as the last argument; null means there is none (Go's missingVal).
internal sealed partial class TemplateEvaluator
{
    private GoValue EvalPipeline(GoValue dot, PipeNode? pipe)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (pipe is null)
        {
            return GoInvalid.Instance;
        }
        _node = pipe;
        GoValue? value = null;
        foreach (var cmd in pipe.Cmds)
        {
            value = EvalCommand(dot, cmd, value);
            // A nil interface{} result (a missing args key, say) is no value at all.
            if (value == GoNil.Interface)
            {
                value = GoInvalid.Instance;
            }
        }
        var result = value ?? GoInvalid.Instance;
        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(variable.Ident[0], result);
            }
            else
            {
                _vars.Add(new(variable.Ident[0], result));
            }
        }
        return result;
    }

    private void NotAFunction(IReadOnlyList<Node> args, GoValue? final)
    {
        if (args.Count > 1 || final is not null)
        {
            throw Error($"can't give argument to non-function {args[0]}");
        }
    }

    private GoValue EvalCommand(GoValue dot, CommandNode cmd, GoValue? final)
    {
        _budget.Step();
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode field:
                _node = field;
                return EvalFieldChain(dot, dot, field, field.Ident, cmd.Args, final);
            case ChainNode chain:
                return EvalChain(dot, chain, cmd.Args, final);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, cmd, cmd.Args, final);
            case PipeNode pipe:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariable(dot, variable, cmd.Args, final);
        }
        _node = first;
        NotAFunction(cmd.Args, final);
        return first switch
        {
            BoolNode b => GoBool.Of(b.Value),
            DotNode => dot,
            NilNode => throw Error("nil is not a command"),
            NumberNode n => IdealConstant(n),
            StringNode s => new GoString(s.Text),
            _ => throw Error($"can't evaluate command {GoText.Quote(first.ToString())}"),
        };
    }

    /// <summary>A number literal where nothing says its type: Go's default int or float64.</summary>
    private GoValue IdealConstant(NumberNode n)
    {
        _node = n;
        if (n.IsComplex)
        {
            throw Error($"complex constant {n.Text} is not supported by the portal's template renderer");
        }
        var isHexInt = n.Text.Length > 2 && n.Text[0] == '0' && n.Text[1] is 'x' or 'X' && !n.Text.AsSpan().ContainsAny("pP");
        if (n.IsFloat && !isHexInt && n.Text[0] != '\'' && n.Text.AsSpan().ContainsAny(".eEpP"))
        {
            return new GoFloat(n.Float);
        }
        if (n.IsInt)
        {
            return new GoInt(n.Int);
        }
        if (n.IsUint)
        {
            throw Error($"{n.Text} overflows int");
        }
        return GoInvalid.Instance;
    }

    private GoValue EvalChain(GoValue dot, ChainNode chain, IReadOnlyList<Node>? args, GoValue? final)
    {
        _node = chain;
        if (chain.Node is NilNode)
        {
            throw Error($"indirection through explicit nil in {chain}");
        }
        var receiver = EvalArg(dot, ParamType.Value, chain.Node);
        return EvalFieldChain(dot, receiver, chain, chain.Fields, args, final);
    }

    private GoValue EvalVariable(GoValue dot, VariableNode variable, IReadOnlyList<Node>? args, GoValue? final)
    {
        _node = variable;
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            NotAFunction(args ?? [variable], final);
            return value;
        }
        return EvalFieldChain(dot, value, variable, variable.Ident[1..], args, final);
    }

    private GoValue EvalFieldChain(GoValue dot, GoValue receiver, Node node, IReadOnlyList<string> ident,
        IReadOnlyList<Node>? args, GoValue? final)
    {
        for (var i = 0; i < ident.Count - 1; i++)
        {
            receiver = EvalField(ident[i], null, null, receiver);
        }
        return EvalField(ident[^1], args, final, receiver);
    }

    private GoValue EvalField(string fieldName, IReadOnlyList<Node>? args, GoValue? final, GoValue receiver)
    {
        if (receiver is GoInvalid)
        {
            return GoInvalid.Instance;
        }
        if (receiver is GoNil nil)
        {
            throw Error($"nil pointer evaluating {nil.Type}.{fieldName}");
        }
        var hasArgs = (args?.Count ?? 0) > 1 || final is not null;
        switch (receiver)
        {
            case GoStruct st when st.Field(fieldName) is { } field:
                return hasArgs ? throw Error($"{fieldName} has arguments but cannot be invoked as function") : field;
            case GoMap map:
                if (hasArgs)
                {
                    throw Error($"{fieldName} is not a method but has arguments");
                }
                // Prometheus executes with missingkey=zero: a missing label is "".
                return map.Entries.TryGetValue(fieldName, out var entry) ? entry : map.Zero;
        }
        throw Error($"can't evaluate field {fieldName} in type {receiver.Type}");
    }

    private GoValue EvalFunction(GoValue dot, IdentifierNode node, Node cmd, IReadOnlyList<Node>? args, GoValue? final)
    {
        _node = node;
        if (!_functions.TryGetValue(node.Ident, out var function))
        {
            throw Error($"{GoText.Quote(node.Ident)} is not a defined function");
        }
        return EvalCall(dot, function, cmd, node.Ident, args, final);
    }

    private GoValue EvalCall(GoValue dot, GoFunction fn, Node node, string name, IReadOnlyList<Node>? allArgs, GoValue? final)
    {
        var args = allArgs is null ? [] : allArgs.Skip(1).ToList();
        var numIn = args.Count + (final is null ? 0 : 1);
        var numFixed = args.Count;
        if (fn.Variadic)
        {
            numFixed = fn.Params.Length - 1;
            if (numIn < numFixed)
            {
                throw Error($"wrong number of args for {name}: want at least {fn.Params.Length - 1} got {args.Count}");
            }
        }
        else if (numIn != fn.Params.Length)
        {
            throw Error($"wrong number of args for {name}: want {fn.Params.Length} got {numIn}");
        }
        if (name is "and" or "or")
        {
            // Since Go 1.18 and/or stop evaluating at the first argument that decides the result.
            GoValue result = GoInvalid.Instance;
            foreach (var arg in args)
            {
                result = EvalArg(dot, ParamType.Value, arg);
                if (GoValues.IsTrue(result) == (name == "or"))
                {
                    return result;
                }
            }
            return final is null ? result : ValidateType(final, ParamType.Value);
        }
        var argv = new List<GoValue>(numIn);
        for (var i = 0; i < args.Count; i++)
        {
            argv.Add(EvalArg(dot, fn.Params[Math.Min(i, fn.Params.Length - 1)], args[i]));
        }
        if (final is not null)
        {
            var type = fn.Variadic && numIn - 1 >= numFixed ? fn.Params[^1] : fn.Params[numIn - 1];
            argv.Add(ValidateType(final, type));
        }
        _budget.Step();
        try
        {
            return _budget.CheckValue(fn.Call(argv));
        }
        catch (GoFunctionException e)
        {
            _node = node;
            throw Error($"error calling {name}: {e.Message}", e is LiveQueryException);
        }
    }

    /// <summary>Checks a computed value against a parameter type, with Go's error text.</summary>
    private GoValue ValidateType(GoValue value, ParamType type)
    {
        if (value is GoInvalid)
        {
            return type switch
            {
                ParamType.Interface => GoNil.Interface,
                ParamType.Value => value,
                ParamType.QueryResult => new GoQueryResult(),
                ParamType.Sample => new GoNil("*template.sample"),
                _ => throw Error($"invalid value; expected {GoFunction.TypeName(type)}"),
            };
        }
        var ok = type switch
        {
            ParamType.String => value is GoString { StringType: "string" },
            ParamType.QueryResult => value is GoQueryResult,
            ParamType.Sample => value is GoNil { Type: "*template.sample" },
            _ => true,
        };
        return ok ? value : throw Error($"wrong type for value; expected {GoFunction.TypeName(type)}; got {value.Type}");
    }

    private GoValue EvalArg(GoValue dot, ParamType type, Node n)
    {
        _node = n;
        switch (n)
        {
            case DotNode:
                return ValidateType(dot, type);
            case NilNode:
                return type switch
                {
                    ParamType.Interface => GoNil.Interface,
                    ParamType.Value => GoInvalid.Instance,
                    _ => ValidateType(GoInvalid.Instance, type),
                };
            case FieldNode field:
                return ValidateType(EvalFieldChain(dot, dot, field, field.Ident, [n], null), type);
            case VariableNode variable:
                return ValidateType(EvalVariable(dot, variable, null, null), type);
            case PipeNode pipe:
                return ValidateType(EvalPipeline(dot, pipe), type);
            case IdentifierNode identifier:
                return ValidateType(EvalFunction(dot, identifier, identifier, null, null), type);
            case ChainNode chain:
                return ValidateType(EvalChain(dot, chain, null, null), type);
        }
        switch (type)
        {
            case ParamType.String:
                return n is StringNode s ? new GoString(s.Text) : throw Error($"expected string; found {n}");
            case ParamType.Interface or ParamType.Value:
                return n switch
                {
                    BoolNode b => GoBool.Of(b.Value),
                    NumberNode number => IdealConstant(number),
                    StringNode literal => new GoString(literal.Text),
                    _ => throw Error($"can't handle assignment of {n} to empty interface argument"),
                };
            default:
                throw Error($"can't handle {n} for arg of type {GoFunction.TypeName(type)}");
        }
    }
}
