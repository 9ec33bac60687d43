using System.Text;

namespace Portal.Domain.Templates;

/// <summary>{{break}}, {{continue}}, and the {{end}}/{{else}} markers the parser uses internally.</summary>
internal sealed class KeywordNode(int pos, string word) : Node(pos)
{
    public string Word { get; } = word;

    public override void Write(StringBuilder sb) => sb.Append("{{").Append(Word).Append("}}");
}
