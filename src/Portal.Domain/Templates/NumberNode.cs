using System.Text;

namespace Portal.Domain.Templates;

/// <summary>A number literal; like Go, it records every type it can be (int, float) for later.</summary>
internal sealed class NumberNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public bool IsInt { get; set; }

    public bool IsUint { get; set; }

    public bool IsFloat { get; set; }

    public bool IsComplex { get; set; }

    public long Int { get; set; }

    public double Float { get; set; }

    public override void Write(StringBuilder sb) => sb.Append(Text);
}
