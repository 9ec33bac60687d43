namespace Portal.Domain.Templates;

/// <summary>
/// Go 1.19's text/template parser, including its parse-time checks: unknown functions,
/// undefined variables, misplaced {{else}}/{{end}}/{{break}}. Prometheus parses the alert
/// templates with these checks when it loads rules, so Check() reports what Prometheus rejects.
/// </summary>
internal sealed partial class TemplateParser
{
    private readonly List<Token> _tokens;
    private readonly Func<string, bool> _hasFunction;
    private readonly Dictionary<string, ListNode> _defined = new(StringComparer.Ordinal);
    private List<string> _vars;
    private int _index;
    private int _furthest;
    private int _rangeDepth;
    private readonly int _maxNesting;
    private int _nesting;

    private TemplateParser(List<Token> tokens, Func<string, bool> hasFunction, IEnumerable<string> variables, int maxNesting)
    {
        _tokens = tokens;
        _hasFunction = hasFunction;
        _vars = ["$", .. variables];
        _maxNesting = maxNesting;
    }

    /// <summary>Parses or throws <see cref="TemplateParseException"/>; nesting deeper than maxNesting is refused.</summary>
    public static ParsedTemplate Parse(string text, Func<string, bool> hasFunction, IEnumerable<string> predeclared,
        int maxNesting = TemplateLimits.DefaultNestingDepth)
    {
        var parser = new TemplateParser(TemplateLexer.Lex(text), hasFunction, predeclared, maxNesting);
        var root = parser.ParseTop();
        return new ParsedTemplate(root, parser._defined);
    }

    private Token Next()
    {
        var token = _tokens[Math.Min(_index, _tokens.Count - 1)];
        _index++;
        _furthest = Math.Max(_furthest, _index);
        return token;
    }

    private void Backup(int count = 1) => _index -= count;

    private Token Peek()
    {
        var token = Next();
        Backup();
        return token;
    }

    private Token NextNonSpace()
    {
        Token token;
        do
        {
            token = Next();
        }
        while (token.Type == TokenType.Space);
        return token;
    }

    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private TemplateParseException Error(string message) =>
        new(message, _tokens[Math.Clamp(_index - 1, 0, _tokens.Count - 1)],
            _tokens[Math.Clamp(_furthest - 1, 0, _tokens.Count - 1)].Line);

    /// <summary>One level deeper (a control structure, a definition or a parenthesis); callers decrement on the way out.</summary>
    private void Enter(Token at)
    {
        if (++_nesting > _maxNesting)
        {
            throw new TemplateParseException($"template nesting exceeds {_maxNesting} levels", at, at.Line, overLimit: true);
        }
    }

    private TemplateParseException Unexpected(Token token, string context) =>
        token.Type == TokenType.Error ? Error(token.Val) : Error($"unexpected {token} in {context}");

    private Token Expect(TokenType expected, string context)
    {
        var token = NextNonSpace();
        return token.Type == expected ? token : throw Unexpected(token, context);
    }

    private ListNode ParseTop()
    {
        var root = new ListNode(Peek().Pos);
        while (Peek().Type != TokenType.Eof)
        {
            if (Peek().Type == TokenType.LeftDelim)
            {
                Next();
                if (NextNonSpace().Type == TokenType.Define)
                {
                    ParseDefinition();
                    continue;
                }
                _index = RewindToDelimiter();
            }
            var node = TextOrAction();
            if (node is KeywordNode { Word: "end" or "else" } keyword)
            {
                throw Error($"unexpected {keyword}");
            }
            root.Nodes.Add(node);
        }
        return root;
    }

    private int RewindToDelimiter()
    {
        var i = _index - 1;
        while (_tokens[i].Type != TokenType.LeftDelim)
        {
            i--;
        }
        return i;
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var nameToken = NextNonSpace();
        if (nameToken.Type is not (TokenType.String or TokenType.RawString))
        {
            throw Unexpected(nameToken, context);
        }
        if (!GoText.TryUnquote(nameToken.Val, out var name))
        {
            throw Error("invalid syntax");
        }
        Expect(TokenType.RightDelim, context);
        DefineBody(name, context);
    }

    private void AddDefinition(string name, ListNode list)
    {
        if (_defined.TryGetValue(name, out var existing) && !IsEmpty(existing) && !IsEmpty(list))
        {
            throw Error($"template: multiple definition of template {GoText.Quote(name)}");
        }
        if (!_defined.TryGetValue(name, out var defined) || IsEmpty(defined))
        {
            _defined[name] = list;
        }
    }

    private static bool IsEmpty(ListNode list) =>
        list.Nodes.All(n => n is TextNode t && string.IsNullOrWhiteSpace(t.Text));

    /// <summary>Nodes up to the {{end}} or {{else}} that closes them, which is returned separately.</summary>
    private (ListNode List, Node End) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos);
        while (PeekNonSpace().Type != TokenType.Eof)
        {
            var node = TextOrAction();
            if (node is KeywordNode { Word: "end" or "else" })
            {
                return (list, node);
            }
            list.Nodes.Add(node);
        }
        throw Error("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        return token.Type switch
        {
            TokenType.Text => new TextNode(token.Pos, token.Val),
            TokenType.LeftDelim => Action(),
            _ => throw Unexpected(token, "input"),
        };
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case TokenType.Block: return BlockControl();
            case TokenType.Break: return LoopControl(token, "break");
            case TokenType.Continue: return LoopControl(token, "continue");
            case TokenType.Else: return ElseControl();
            case TokenType.End: return new KeywordNode(Expect(TokenType.RightDelim, "end").Pos, "end");
            case TokenType.If: return Control(BranchKind.If, "if");
            case TokenType.Range: return Control(BranchKind.Range, "range");
            case TokenType.Template: return TemplateControl();
            case TokenType.With: return Control(BranchKind.With, "with");
        }
        Backup();
        var start = Peek();
        // Variables declared here persist until the enclosing {{end}}.
        return new ActionNode(start.Pos, Pipeline("command"));
    }

    private Node LoopControl(Token token, string word)
    {
        var close = NextNonSpace();
        if (close.Type != TokenType.RightDelim)
        {
            throw Unexpected(close, $"{{{{{word}}}}}");
        }
        if (_rangeDepth == 0)
        {
            throw Error($"{{{{{word}}}}} outside {{{{range}}}}");
        }
        return new KeywordNode(token.Pos, word);
    }

    private Node ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Type == TokenType.If)
        {
            // "{{else if x}}" is read as "{{else}}{{if x}}...{{end}}" sharing the outer {{end}}.
            return new KeywordNode(peek.Pos, "else");
        }
        return new KeywordNode(Expect(TokenType.RightDelim, "else").Pos, "else");
    }

    private BranchNode Control(BranchKind kind, string context)
    {
        Enter(PeekNonSpace());
        var mark = _vars.Count;
        if (kind == BranchKind.Range)
        {
            _rangeDepth++;
        }
        var pipe = Pipeline(context);
        var (list, next) = ItemList();
        if (kind == BranchKind.Range)
        {
            _rangeDepth--;
        }
        ListNode? elseList = null;
        if (next is KeywordNode { Word: "else" })
        {
            if (kind == BranchKind.If && Peek().Type == TokenType.If)
            {
                Next();
                elseList = new ListNode(next.Pos);
                elseList.Nodes.Add(Control(BranchKind.If, "if"));
            }
            else
            {
                (elseList, next) = ItemList();
                if (next is not KeywordNode { Word: "end" })
                {
                    throw Error($"expected end; found {next}");
                }
            }
        }
        _vars.RemoveRange(mark, _vars.Count - mark);
        _nesting--;
        return new BranchNode(kind, pipe.Pos, pipe, list, elseList);
    }

    private TemplateNode TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        var name = TemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Type != TokenType.RightDelim)
        {
            Backup();
            pipe = Pipeline(context);
        }
        return new TemplateNode(token.Pos, name, pipe);
    }

    private TemplateNode BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        var name = TemplateName(token, context);
        var pipe = Pipeline(context);
        DefineBody(name, context);
        return new TemplateNode(token.Pos, name, pipe);
    }

    private string TemplateName(Token token, string context)
    {
        if (token.Type is not (TokenType.String or TokenType.RawString))
        {
            throw Unexpected(token, context);
        }
        return GoText.TryUnquote(token.Val, out var name) ? name : throw Error("invalid syntax");
    }

    /// <summary>Reads a {{define}} or {{block}} body up to its {{end}}, in a scope of its own, and defines it.</summary>
    private void DefineBody(string name, string context)
    {
        Enter(PeekNonSpace());
        var outerVars = _vars;
        var outerDepth = _rangeDepth;
        _vars = ["$"];
        _rangeDepth = 0;
        var (list, end) = ItemList();
        if (end is not KeywordNode { Word: "end" })
        {
            throw Error($"unexpected {end} in {context}");
        }

        AddDefinition(name, list);
        _vars = outerVars;
        _rangeDepth = outerDepth;
        _nesting--;
    }
}
