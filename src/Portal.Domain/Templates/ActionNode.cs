using System.Text;

namespace Portal.Domain.Templates;

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
