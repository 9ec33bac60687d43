using YamlDotNet.Core;

namespace Portal.Domain.RuleFiles;

/// <summary>
/// A YAML node with its position. The parser builds these itself from YamlDotNet's event stream
/// rather than using YamlDotNet's representation model, because that model rejects duplicate keys
/// (which people write, and which we want to report, not crash on) and expands aliases without limit.
/// </summary>
internal abstract class YamlNode
{
    protected YamlNode(Mark start) => (Line, Column) = ((int)start.Line, (int)start.Column);

    public int Line { get; }

    public int Column { get; }

    /// <summary>Nodes this one stands for once aliases are expanded; what the alias budget counts.</summary>
    public long Size { get; set; } = 1;

    public abstract string Describe();
}
