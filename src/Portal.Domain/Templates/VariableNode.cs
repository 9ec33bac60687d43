using System.Text;

namespace Portal.Domain.Templates;

/// <summary>$x or $x.Field.Key: Ident[0] is the variable, the rest are field names.</summary>
internal sealed class VariableNode(int pos, string[] ident) : Node(pos)
{
    public string[] Ident { get; } = ident;

    public override void Write(StringBuilder sb) => sb.AppendJoin('.', Ident);
}
