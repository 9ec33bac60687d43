using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Access;
using Portal.Domain.Live;
using Portal.Domain.Runbooks;
using Portal.Features.Rules;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Runbooks;
using Portal.Security;

namespace Portal.Features.Runbooks;

/// <summary>
/// One runbook as on-call people read it: the rendered body with its live PromQL blocks, a table of contents, the
/// review state and the linked rules with what Prometheus says of them now. An old slug moves to the new one.
/// </summary>
public partial class RunbookPage : PortalComponent
{
    /// <summary>Values come from one rule read each; past this many pending or firing rules only their state is shown.</summary>
    internal const int MaxValueReads = 10;

    private string? _loadedSlug;
    private RunbookDetail? _runbook;
    private RenderedRunbook? _rendered;
    private bool _notFound;
    private IReadOnlyList<LinkedRule>? _linked;
    private LiveIndex? _live;
    private string? _liveError;
    private Dictionary<Guid, double> _values = [];

    [Inject]
    public required IRunbookStore Store { get; init; }

    [Inject]
    public required ILiveAlerts Live { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Parameter]
    public string? Slug { get; set; }

    private bool CanWrite => _runbook is { } runbook && User.Refusal(PortalAction.EditRunbooks, runbook.Team) is null;

    private string? Summary => _runbook is { } r ? $"Revision {r.Revision}, saved by {r.UpdatedBy} {RuleDisplay.Ago(r.UpdatedAt)}" : null;

    protected override async Task OnParametersSetAsync()
    {
        if (Slug == _loadedSlug)
        {
            return;
        }

        _loadedSlug = Slug;
        _runbook = null;
        _notFound = false;
        _linked = null;
        await RunAsync(async ct =>
        {
            var lookup = await Store.FindAsync(Slug ?? "", ct);
            if (lookup.Runbook is null && lookup.RedirectTo is { } moved)
            {
                Navigation.NavigateTo(PortalRoutes.RunbookFor(moved), replace: true);
                return;
            }

            if (lookup.Runbook is not { } runbook)
            {
                _notFound = true;
                return;
            }

            Show(runbook);
            _linked = await Store.LinkedRulesAsync(runbook.Slug, ct);
            await LoadLiveAsync(ct);
        }, "The runbook could not be loaded");
    }

    private void Show(RunbookDetail runbook)
    {
        _runbook = runbook;
        _rendered = RunbookRenderCache.Render(runbook.Body);
    }

    /// <summary>State for all linked rules from the one cached index; a value only for those that ask for attention.</summary>
    private async Task LoadLiveAsync(CancellationToken ct)
    {
        if (_linked is not { Count: > 0 } linked)
        {
            return;
        }

        try
        {
            _live = await Live.StatesAsync(ct);
            _liveError = _live.Unavailable.Count == 0 ? null
                : "Live state is incomplete: " + string.Join("; ", _live.Unavailable.Select(p => $"{p.Target} is not answering ({p.Problem})"));
            var values = new Dictionary<Guid, double>();
            foreach (var rule in linked.Where(r => _live.Of(r.RuleId).State is LiveState.Firing or LiveState.Pending).Take(MaxValueReads))
            {
                var detail = await Live.RuleAsync(rule.RuleId, ct);
                var series = detail?.Targets.Select(t => t.Rule).OfType<EvaluatedRule>().SelectMany(r => r.Series)
                    .OrderByDescending(s => s.State).FirstOrDefault();
                if (series is not null)
                {
                    values[rule.RuleId] = series.Value;
                }
            }

            _values = values;
        }
        catch (Exception e) when (e is not OperationCanceledException && ExpectedFailure.Is(e))
        {
            _live = null;
            _liveError = ExpectedFailure.Sentence("Live state is unavailable", e);
        }
    }

    private async Task MarkReviewedAsync()
    {
        if (Busy || _runbook is not { } runbook)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var result = await Store.MarkReviewedAsync(runbook.Slug, User.Caller, ct);
            if (result.Succeeded && result.Value is { } reviewed)
            {
                Show(reviewed);
                Snackbar.Add("Marked as reviewed", Severity.Success);
            }
            else
            {
                Snackbar.Add("Not marked as reviewed: " + string.Join("; ", result.Errors.Select(e => e.Message)), Severity.Error);
            }
        }, "Not marked as reviewed", Toast);
    }
}
