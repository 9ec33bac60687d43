using System.Text;

namespace Portal.Domain.Templates;

internal sealed class TextNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public override void Write(StringBuilder sb) => sb.Append(Text);
}
