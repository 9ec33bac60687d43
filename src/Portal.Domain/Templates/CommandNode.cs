using System.Text;

namespace Portal.Domain.Templates;

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
