using System.Text;

namespace Portal.Domain.Templates;

// The parse tree. ToString() reproduces Go's Node.String(), which Go puts into execution errors
// as the "at <...>" context, so Prometheus' error text can be reproduced exactly.

internal abstract class Node(int pos)
{
    /// <summary>Char index of the node in the user's template.</summary>
    public int Pos { get; } = pos;

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    public abstract void Write(StringBuilder sb);
}

internal sealed class ListNode(int pos) : Node(pos)
{
    public List<Node> Nodes { get; } = [];

    public override void Write(StringBuilder sb) => Nodes.ForEach(n => n.Write(sb));
}

internal sealed class TextNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public override void Write(StringBuilder sb) => sb.Append(Text);
}

internal sealed class ActionNode(int pos, PipeNode pipe) : Node(pos)
{
    public PipeNode Pipe { get; } = pipe;

    public override void Write(StringBuilder sb)
    {
        sb.Append("{{");
        Pipe.Write(sb);
        sb.Append("}}");
    }
}

internal sealed class PipeNode(int pos) : Node(pos)
{
    public bool IsAssign { get; set; }

    public List<VariableNode> Decl { get; } = [];

    public List<CommandNode> Cmds { get; } = [];

    public override void Write(StringBuilder sb)
    {
        if (Decl.Count > 0)
        {
            sb.AppendJoin(", ", Decl).Append(" := ");
        }
        for (var i = 0; i < Cmds.Count; i++)
        {
            sb.Append(i > 0 ? " | " : "");
            Cmds[i].Write(sb);
        }
    }
}

internal sealed class CommandNode(int pos) : Node(pos)
{
    public List<Node> Args { get; } = [];

    public override void Write(StringBuilder sb)
    {
        for (var i = 0; i < Args.Count; i++)
        {
            sb.Append(i > 0 ? " " : "");
            if (Args[i] is PipeNode pipe)
            {
                sb.Append('(');
                pipe.Write(sb);
                sb.Append(')');
            }
            else
            {
                Args[i].Write(sb);
            }
        }
    }
}

internal sealed class IdentifierNode(int pos, string ident) : Node(pos)
{
    public string Ident { get; } = ident;

    public override void Write(StringBuilder sb) => sb.Append(Ident);
}

/// <summary>$x or $x.Field.Key: Ident[0] is the variable, the rest are field names.</summary>
internal sealed class VariableNode(int pos, string[] ident) : Node(pos)
{
    public string[] Ident { get; } = ident;

    public override void Write(StringBuilder sb) => sb.AppendJoin('.', Ident);
}

internal sealed class FieldNode(int pos, string[] ident) : Node(pos)
{
    public string[] Ident { get; } = ident;

    public override void Write(StringBuilder sb)
    {
        foreach (var id in Ident)
        {
            sb.Append('.').Append(id);
        }
    }
}

/// <summary>A term followed by fields, such as (index $x 0).Labels.</summary>
internal sealed class ChainNode(int pos, Node node) : Node(pos)
{
    public Node Node { get; } = node;

    public List<string> Fields { get; } = [];

    public override void Write(StringBuilder sb)
    {
        if (Node is PipeNode)
        {
            sb.Append('(');
            Node.Write(sb);
            sb.Append(')');
        }
        else
        {
            Node.Write(sb);
        }
        foreach (var field in Fields)
        {
            sb.Append('.').Append(field);
        }
    }
}

internal sealed class DotNode(int pos) : Node(pos)
{
    public override void Write(StringBuilder sb) => sb.Append('.');
}

internal sealed class NilNode(int pos) : Node(pos)
{
    public override void Write(StringBuilder sb) => sb.Append("nil");
}

internal sealed class BoolNode(int pos, bool value) : Node(pos)
{
    public bool Value { get; } = value;

    public override void Write(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}

/// <summary>A number literal; like Go, it records every type it can be (int, float) for later.</summary>
internal sealed class NumberNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public bool IsInt { get; set; }

    public bool IsUint { get; set; }

    public bool IsFloat { get; set; }

    public bool IsComplex { get; set; }

    public long Int { get; set; }

    public double Float { get; set; }

    public override void Write(StringBuilder sb) => sb.Append(Text);
}

internal sealed class StringNode(int pos, string quoted, string text) : Node(pos)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override void Write(StringBuilder sb) => sb.Append(Quoted);
}

internal enum BranchKind { If, Range, With }

/// <summary>if, range and with share one shape: a pipeline, a body and an optional else body.</summary>
internal sealed class BranchNode(BranchKind kind, int pos, PipeNode pipe, ListNode list, ListNode? elseList) : Node(pos)
{
    public BranchKind Kind { get; } = kind;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override void Write(StringBuilder sb)
    {
        sb.Append("{{").Append(Kind.ToString().ToLowerInvariant()).Append(' ');
        Pipe.Write(sb);
        sb.Append("}}");
        List.Write(sb);
        if (ElseList is not null)
        {
            sb.Append("{{else}}");
            ElseList.Write(sb);
        }
        sb.Append("{{end}}");
    }
}

internal sealed class TemplateNode(int pos, string name, PipeNode? pipe) : Node(pos)
{
    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override void Write(StringBuilder sb)
    {
        sb.Append("{{template ").Append(GoText.Quote(Name));
        if (Pipe is not null)
        {
            sb.Append(' ');
            Pipe.Write(sb);
        }
        sb.Append("}}");
    }
}

/// <summary>{{break}}, {{continue}}, and the {{end}}/{{else}} markers the parser uses internally.</summary>
internal sealed class KeywordNode(int pos, string word) : Node(pos)
{
    public string Word { get; } = word;

    public override void Write(StringBuilder sb) => sb.Append("{{").Append(Word).Append("}}");
}
