using System.Text;

namespace Portal.Domain.Templates;

internal sealed class StringNode(int pos, string quoted, string text) : Node(pos)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override void Write(StringBuilder sb) => sb.Append(Quoted);
}
