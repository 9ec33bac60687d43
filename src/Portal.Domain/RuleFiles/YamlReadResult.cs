using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Domain.RuleFiles;

/// <summary>The documents read from one YAML text, the syntax error that stopped reading, or a refusal.</summary>
internal sealed record YamlReadResult(IReadOnlyList<YamlDocumentNode> Documents, YamlSyntaxError? Error, string? Refusal);
