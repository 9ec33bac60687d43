using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <summary>Configuration of the rules the catalog accepts (section "Rules").</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>Groups may not be evaluated more often than this; applies to the API, the editor, imports and publish.</summary>
    public TimeSpan MinimumGroupInterval { get; set; } = GroupIntervals.DefaultMinimum;
}
