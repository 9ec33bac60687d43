using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Domain.RuleFiles;

/// <summary>One YAML document: its root (null when empty) and where it starts.</summary>
internal sealed record YamlDocumentNode(YamlNode? Root, int Line, int Column);
