using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Infrastructure.Runbooks;
using Portal.Security;

namespace Portal.Features.Rules;

/// <summary>Links a saved rule to one of the portal's runbooks, or unlinks it; tells the editor through <see cref="Linked"/>.</summary>
public partial class RunbookLinkPicker : PortalComponent
{
    private IReadOnlyList<RunbookSummary>? _runbooks;
    private RunbookSummary? _chosen;

    [Parameter, EditorRequired]
    public Guid RuleId { get; set; }

    /// <summary>The slug the rule links to now.</summary>
    [Parameter]
    public string? Slug { get; set; }

    /// <summary>Why the user may not change the link (the editor's own read-only reason); null when they may.</summary>
    [Parameter]
    public string? ReadOnlyReason { get; set; }

    [Parameter]
    public EventCallback<string?> Linked { get; set; }

    [Inject]
    public required IRunbookStore Runbooks { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    private string TitleOf(string slug) => _runbooks?.FirstOrDefault(r => r.Slug == slug)?.Title ?? slug;

    protected override Task OnInitializedAsync() => RunAsync(async ct => _runbooks = await Runbooks.ListAsync(ct), "The runbooks could not be loaded");

    private Task<IEnumerable<RunbookSummary>> SearchAsync(string? text, CancellationToken ct)
    {
        var all = _runbooks ?? [];
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Task.FromResult(all.Where(r => words.All(w => r.Title.Contains(w, StringComparison.OrdinalIgnoreCase)
                || r.Slug.Contains(w, StringComparison.OrdinalIgnoreCase) || r.Tags.Any(t => t.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).AsEnumerable());
    }

    private Task LinkAsync(string? slug) => RunAsync(async ct =>
    {
        var result = await Runbooks.LinkRuleAsync(RuleId, slug, User.Caller, ct);
        if (!result.Succeeded)
        {
            Error = "The runbook was not linked: " + string.Join(" ", result.Errors.Select(e => e.Message));
            return;
        }

        _chosen = null;
        Snackbar.Add(slug is null ? "Runbook unlinked." : $"Linked to {TitleOf(slug)}: the next publish makes it the alert's runbook_url.", Severity.Success);
        await Linked.InvokeAsync(slug);
    }, slug is null ? "The runbook was not unlinked" : "The runbook was not linked");
}
