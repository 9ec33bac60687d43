using System.Text;

namespace Portal.Domain.Templates;

internal sealed class IdentifierNode(int pos, string ident) : Node(pos)
{
    public string Ident { get; } = ident;

    public override void Write(StringBuilder sb) => sb.Append(Ident);
}
