using System.Text;

namespace Portal.Domain.Templates;

/// <summary>
/// Executes a parsed template the way Go's text/template does (exec.go): the same evaluation order,
/// the same typing of literals and arguments, and the same error at the same node.
/// </summary>
internal sealed partial class TemplateEvaluator
{
    // Go allows 100000 nested {{template}} calls; a .NET stack does not, so stop much earlier.
    private const int MaxDepth = 300;

    private readonly ParsedTemplate _template;
    private readonly IReadOnlyDictionary<string, GoFunction> _functions;
    private readonly TemplateBudget _budget;
    private readonly StringBuilder _out = new();
    private List<KeyValuePair<string, GoValue>> _vars;
    private string _name;
    private Node? _node;
    // The text or action being run, which a budget error points at.
    private Node? _statement;
    private int _depth;

    private sealed class BreakSignal : Exception;

    private sealed class ContinueSignal : Exception;

    private TemplateEvaluator(ParsedTemplate template, IReadOnlyDictionary<string, GoFunction> functions,
        TemplateBudget budget, string name, List<KeyValuePair<string, GoValue>> vars)
    {
        _template = template;
        _functions = functions;
        _budget = budget;
        _name = name;
        _vars = vars;
    }

    /// <summary>Runs the template; throws <see cref="TemplateExecException"/> on Go's execution errors.</summary>
    /// <remarks>
    /// Work is counted against <paramref name="budget"/> as it happens (every node, command, call,
    /// range iteration and appended character), so a hostile template stops at the limit.
    /// </remarks>
    public static string Execute(ParsedTemplate template, IReadOnlyDictionary<string, GoFunction> functions,
        TemplateBudget budget, string name, GoValue dot, IEnumerable<KeyValuePair<string, GoValue>> variables)
    {
        var evaluator = new TemplateEvaluator(template, functions, budget, name, [new("$", dot), .. variables]);
        try
        {
            evaluator.Walk(dot, template.Root);
        }
        catch (TemplateBudgetException e)
        {
            throw new TemplateExecException(e.Message, evaluator._statement ?? evaluator._node, evaluator._name, TemplateErrorKind.Budget);
        }
        return evaluator._out.ToString();
    }

    private TemplateExecException Error(string message, bool needsLiveQuery = false) =>
        new(message, _node, _name, needsLiveQuery ? TemplateErrorKind.NeedsLiveQuery : TemplateErrorKind.Execution);

    private void Append(string text)
    {
        _budget.CheckOutput(_out.Length + text.Length);
        _out.Append(text);
    }

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private GoValue VarValue(string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Key == name)
            {
                return _vars[i].Value;
            }
        }
        throw Error($"undefined variable: {name}");
    }

    private void SetVar(string name, GoValue value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Key == name)
            {
                _vars[i] = new(name, value);
                return;
            }
        }
        throw Error($"undefined variable: {name}");
    }

    private void Walk(GoValue dot, Node node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        _budget.Step();
        _node = node;
        if (node is not ListNode)
        {
            _statement = node;
        }
        switch (node)
        {
            case ActionNode action:
                // A declaration persists until the enclosing {{end}} and prints nothing.
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Decl.Count == 0)
                {
                    PrintValue(action, value);
                }
                break;
            case TextNode text:
                Append(text.Text);
                break;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    Walk(dot, child);
                }
                break;
            case BranchNode { Kind: BranchKind.Range } range:
                WalkRange(dot, range);
                break;
            case BranchNode branch:
                WalkIfOrWith(dot, branch);
                break;
            case TemplateNode call:
                WalkTemplate(dot, call);
                break;
            case KeywordNode { Word: "break" }:
                throw new BreakSignal();
            case KeywordNode { Word: "continue" }:
                throw new ContinueSignal();
            default:
                throw Error($"unknown node: {node}");
        }
    }

    private void WalkIfOrWith(GoValue dot, BranchNode node)
    {
        var mark = _vars.Count;
        var value = EvalPipeline(dot, node.Pipe);
        if (GoValues.IsTrue(value))
        {
            Walk(node.Kind == BranchKind.With ? value : dot, node.List);
        }
        else if (node.ElseList is not null)
        {
            Walk(dot, node.ElseList);
        }
        Pop(mark);
    }

    private void WalkRange(GoValue dot, BranchNode node)
    {
        _node = node;
        var outer = _vars.Count;
        var value = EvalPipeline(dot, node.Pipe);
        var mark = _vars.Count;
        var items = value switch
        {
            GoMap map => map.Sorted().Select(e => (Key: (GoValue)new GoString(e.Key), e.Value)).ToList(),
            GoInvalid or GoQueryResult or GoNil => [],
            _ => throw Error($"range can't iterate over {GoFmt.Sprint([value])}"),
        };
        try
        {
            foreach (var (key, element) in items)
            {
                _statement = node;
                _budget.Step();
                // The last declared variable gets the element, the one before it the key.
                if (node.Pipe.Decl.Count > 0)
                {
                    _vars[^1] = new(_vars[^1].Key, element);
                }
                if (node.Pipe.Decl.Count > 1)
                {
                    _vars[^2] = new(_vars[^2].Key, key);
                }
                try
                {
                    Walk(element, node.List);
                }
                catch (ContinueSignal)
                {
                }
                Pop(mark);
            }
        }
        catch (BreakSignal)
        {
            Pop(mark);
        }
        if (items.Count == 0 && node.ElseList is not null)
        {
            Walk(dot, node.ElseList);
        }
        Pop(outer);
    }

    private void WalkTemplate(GoValue dot, TemplateNode node)
    {
        _node = node;
        if (!_template.Defined.TryGetValue(node.Name, out var tree))
        {
            throw Error($"template {GoText.Quote(node.Name)} not defined");
        }
        if (_depth >= MaxDepth)
        {
            throw Error("exceeded maximum template depth (100000)");
        }
        var newDot = EvalPipeline(dot, node.Pipe);
        var (vars, name) = (_vars, _name);
        // No dynamic scoping: the called template sees only $ (its dot).
        (_vars, _name) = ([new("$", newDot)], node.Name);
        _depth++;
        Walk(newDot, tree);
        _depth--;
        (_vars, _name) = (vars, name);
    }

    private void PrintValue(Node node, GoValue value)
    {
        _node = node;
        Append(value is GoInvalid ? "<no value>" : GoFmt.Sprint([value], _budget));
    }
}
