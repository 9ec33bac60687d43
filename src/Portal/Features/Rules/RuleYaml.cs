using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;

namespace Portal.Features.Rules;

/// <summary>Where a rule lives, as far as its rendering is concerned.</summary>
public sealed record GroupContext(string Name, PromDuration? Interval = null, int? Limit = null);

/// <summary>A rule as Prometheus will load it: a one-group rule file rendered by <see cref="RuleFileRenderer"/>.</summary>
public static class RuleYaml
{
    /// <summary>The YAML, or null while the content is not a rule yet (no name, no expression).</summary>
    public static string? Render(GroupContext group, RuleContent content)
    {
        if (string.IsNullOrWhiteSpace(content.Name) || string.IsNullOrWhiteSpace(content.Expression) || string.IsNullOrWhiteSpace(group.Name))
        {
            return null;
        }

        try
        {
            var file = new RuleFile([new RuleGroup(group.Name, [content.ToRule()], group.Interval, group.Limit)]);
            return RuleFileRenderer.Render(file);
        }
        catch (ArgumentException)
        {
            // Text the model refuses outright (e.g. unpaired surrogates); the field errors say why.
            return null;
        }
    }
}
