using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Domain.RuleFiles;

/// <summary>How a plain (unquoted) scalar resolves under the YAML 1.2 core schema that Prometheus' YAML library follows.</summary>
internal enum ScalarKind
{
    String,
    Null,
    Bool,
    Int,
    Float,
}
