using YamlDotNet.Core;

namespace Portal.Domain.RuleFiles;

internal sealed class YamlSequence(Mark start) : YamlNode(start)
{
    public List<YamlNode> Items { get; } = [];

    public override string Describe() => "a list";
}
