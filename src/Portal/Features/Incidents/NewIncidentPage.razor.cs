using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;
using Portal.Security;

namespace Portal.Features.Incidents;

/// <summary>
/// Starts an incident from a rule (<c>?rule=</c>), a firing alert's labels (<c>?label=k=v</c>, repeated), both or
/// neither. The severity defaults to the level the alert's <c>severity</c> label maps to. Parts of the evidence
/// Prometheus could not give are told on the incident page as a notice: starting never fails because of them.
/// </summary>
public partial class NewIncidentPage : PortalComponent
{
    /// <summary>Labels read from the address at most: a hostile link cannot make the page build a huge form.</summary>
    internal const int MaxLabels = 50;

    private bool _loaded;
    private RuleDetail? _rule;
    private Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private IReadOnlyList<SeverityLevel> _levels = [];
    private IReadOnlyList<IncidentTemplate> _templates = [];
    private string? _title;
    private string? _severity;
    private string? _template;
    private IReadOnlyList<FieldError> _errors = [];

    [Inject]
    public required IIncidentStore Store { get; init; }

    [Inject]
    public required IRuleStore Rules { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required IncidentNotices Notices { get; init; }

    [SupplyParameterFromQuery(Name = "rule")]
    public Guid? RuleId { get; set; }

    [SupplyParameterFromQuery(Name = "label")]
    public string[]? Label { get; set; }

    private string? AlertName => _labels.TryGetValue("alertname", out var name) ? name
        : _rule is { Content.Kind: Domain.Lint.RuleKind.Alerting } rule ? rule.Content.Name : null;

    /// <summary>What the chosen level means, and why it was suggested when the alert's label chose it.</summary>
    private string SeverityHelp
    {
        get
        {
            var meaning = _levels.FirstOrDefault(l => l.Name == _severity)?.Description ?? "How grave it is; the expected response time comes with it.";
            return _labels.TryGetValue("severity", out var label) || (_rule?.Content.Labels.TryGetValue("severity", out label) ?? false)
                ? $"Suggested from the alert's severity label \"{label}\". {meaning}"
                : meaning;
        }
    }

    private IEnumerable<FieldError> OtherErrors => _errors.Where(e => ErrorFor(e.Field) is null || e.Field is not ("title" or "severity" or "template" or "templateKey"));

    private string? ErrorFor(params string[] names)
    {
        var messages = _errors.Where(e => names.Contains(e.Field, StringComparer.OrdinalIgnoreCase)).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>The <c>k=v</c> pairs of the address; a pair without <c>=</c> or with an empty name is skipped.</summary>
    internal static Dictionary<string, string> ParseLabels(IEnumerable<string>? pairs)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (pairs ?? []).Take(MaxLabels))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at > 0)
            {
                labels[pair[..at].Trim()] = pair[(at + 1)..];
            }
        }

        return labels;
    }

    protected override async Task OnInitializedAsync()
    {
        _labels = ParseLabels(Label);
        await RunAsync(async ct =>
        {
            _levels = await Store.SeverityLevelsAsync(ct);
            _templates = await Store.TemplatesAsync(ct);
            if (RuleId is { } id)
            {
                _rule = await Rules.GetAsync(id, ct);
            }
        }, "The templates and severity levels could not be loaded");

        // An alert's own severity label wins over the rule's: the alert is what fired.
        var label = _labels.TryGetValue("severity", out var fromAlert) ? fromAlert
            : _rule?.Content.Labels.TryGetValue("severity", out var fromRule) == true ? fromRule : null;
        _severity = (label is null ? null : SeverityLevels.ForLabel(_levels, label))?.Name
            ?? _levels.OrderByDescending(l => l.Rank).FirstOrDefault()?.Name;
        // A firing alert most often leads to a postmortem; a blank incident too, its status updates come later.
        _template = _templates.FirstOrDefault(t => t.Key == StarterIncidentTemplates.PostmortemKey)?.Key ?? _templates.FirstOrDefault()?.Key;
        _loaded = true;
    }

    private async Task StartAsync()
    {
        if (Busy || _template is null)
        {
            return;
        }

        var start = new IncidentStart(string.IsNullOrWhiteSpace(_title) ? null : _title.Trim(), _severity, _template,
            _rule?.Id ?? RuleId, _labels.Count == 0 ? null : _labels);
        StoreResult<IncidentDetail>? result = null;
        await RunAsync(async ct => result = await Store.StartAsync(start, User.Caller, ct), "The incident was not started", Toast);
        switch (result)
        {
            case { Succeeded: true, Value: { } incident }:
                Notices.Remember(incident.Id, incident.Notices);
                Navigation.NavigateTo(PortalRoutes.IncidentFor(incident.Id));
                break;
            case { Outcome: StoreOutcome.Invalid }:
                _errors = result.Errors;
                Snackbar.Add("Not started: see the marked fields.", Severity.Warning);
                break;
            case not null:
                _errors = result.Errors;
                break;
        }
    }
}
