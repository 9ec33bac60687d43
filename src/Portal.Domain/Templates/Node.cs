using System.Text;

namespace Portal.Domain.Templates;

// The parse tree. ToString() reproduces Go's Node.String(), which Go puts into execution errors
// as the "at <...>" context, so Prometheus' error text can be reproduced exactly.

internal abstract class Node(int pos)
{
    /// <summary>Char index of the node in the user's template.</summary>
    public int Pos { get; } = pos;

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    public abstract void Write(StringBuilder sb);
}
