using System.Text;

namespace Portal.Domain.Templates;

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
