using System.Text;

namespace Portal.Domain.Templates;

internal sealed class NilNode(int pos) : Node(pos)
{
    public override void Write(StringBuilder sb) => sb.Append("nil");
}
