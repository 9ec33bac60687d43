using System.Text;

namespace Portal.Domain.Templates;

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
