using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Portal.Components.Shared;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Runbooks;

namespace Portal.Features.Runbooks;

/// <summary>Runbook coverage of the catalog's alerts, review dates and the background link checks, as <see cref="RunbookHealth"/> assesses them.</summary>
public partial class RunbookHealthPage : PortalComponent
{
    private RunbookHealthReport? _report;
    private string? _team;

    [Inject]
    public required IRunbookCoverage Coverage { get; init; }

    [Inject]
    public required IRunbookStore Runbooks { get; init; }

    [Inject]
    public required RunbookLinkChecker Checker { get; init; }

    [Inject]
    public required IOptions<PortalUrlOptions> Portal { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private Task LoadAsync() => RunAsync(async ct =>
    {
        var alerts = await Coverage.AlertsAsync(ct);
        var runbooks = (await Runbooks.ListAsync(ct)).Select(r => new RunbookReviewRef(r.Slug, r.Title, r.Team, r.ReviewDue)).ToList();
        _report = RunbookHealth.Assess(alerts, runbooks, Checker.Results, Portal.Value.PublicUrl, Clock.GetUtcNow());
    }, "Runbook health could not be assessed");

    private IEnumerable<AlertRunbookRef> Without(RunbookHealthReport report) =>
        _team is null ? report.WithoutRunbook : report.WithoutRunbook.Where(r => r.Team == _team);

    private int Overdue(RunbookReviewRef runbook) => Math.Max(0, (int)(Clock.GetUtcNow() - runbook.ReviewDue!.Value).TotalDays);
}
