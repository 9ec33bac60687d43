using System.Text;

namespace Portal.Domain.Templates;

internal sealed class ListNode(int pos) : Node(pos)
{
    public List<Node> Nodes { get; } = [];

    public override void Write(StringBuilder sb) => Nodes.ForEach(n => n.Write(sb));
}
