using YamlDotNet.Core;

namespace Portal.Domain.RuleFiles;

internal sealed class YamlMapping(Mark start) : YamlNode(start)
{
    public List<(YamlNode Key, YamlNode Value)> Entries { get; } = [];

    public override string Describe() => "a mapping";

    /// <summary>The text of a key, or null when the key is not a scalar (YAML allows lists as keys; rules never use them).</summary>
    public static string? KeyText(YamlNode key) => key is YamlScalar scalar ? scalar.Value : null;

    public YamlNode? Get(string key) => Entries.FirstOrDefault(e => KeyText(e.Key) == key).Value;

    public bool Has(string key) => Entries.Any(e => KeyText(e.Key) == key);
}
