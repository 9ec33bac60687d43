using System.Text;

namespace Portal.Domain.Templates;

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
