using System.Text;

namespace Portal.Domain.Templates;

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
