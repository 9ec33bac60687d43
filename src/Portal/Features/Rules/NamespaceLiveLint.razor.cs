using Microsoft.AspNetCore.Components;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Lint;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Lint;

namespace Portal.Features.Rules;

/// <summary>The namespace page's button for live lint of every rule; results stay until the next check.</summary>
public partial class NamespaceLiveLint : PortalComponent
{
    private IReadOnlyList<RuleLiveFindings>? _results;

    [Inject]
    public required ILiveLinter Linter { get; init; }

    [Parameter, EditorRequired]
    public required NamespaceDetail Detail { get; set; }

    private int RuleCount => Detail.Groups.Sum(g => g.Rules.Count);

    private Task CheckAsync() => RunAsync(async ct =>
    {
        var rules = Detail.Groups.SelectMany(g => g.Rules).Select(r => (r.Group, r.Name, r.Expression)).ToList();
        var results = await Linter.LintNamespaceAsync(Detail.Namespace.Name, rules, ct);
        // The per-rule "returns N series" infos would bury the findings worth acting on.
        _results = results.Select(r => r with { Findings = r.Findings.Where(f => f.Id != LiveLint.Result).ToList() }).ToList();
    }, "The rules could not be checked against Prometheus");

    private string Link(RuleLiveFindings rule) =>
        Detail.Groups.SelectMany(g => g.Rules).FirstOrDefault(r => r.Group == rule.Group && r.Name == rule.Name) is { } item
            ? PortalRoutes.RuleEditorFor(item.Id)
            : PortalRoutes.Rules;
}
