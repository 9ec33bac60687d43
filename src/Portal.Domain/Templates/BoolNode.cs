using System.Text;

namespace Portal.Domain.Templates;

internal sealed class BoolNode(int pos, bool value) : Node(pos)
{
    public bool Value { get; } = value;

    public override void Write(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}
