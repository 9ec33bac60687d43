using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Domain.RuleFiles;

/// <summary>Running totals shared by all YAML texts of one input, so limits hold across Markdown blocks.</summary>
internal sealed class YamlBudget
{
    public int Documents { get; set; }

    public long AliasExpansion { get; set; }
}
