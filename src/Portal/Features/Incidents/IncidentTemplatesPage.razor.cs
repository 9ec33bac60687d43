using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Domain.Live;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;
using Portal.Infrastructure.Live;
using Portal.Security;

namespace Portal.Features.Incidents;

/// <summary>
/// The incident templates: Admins edit them, everyone else reads them. The body is checked as it is typed (an unknown
/// placeholder named with its line and column) and previewed on an alert firing now, or on a made-up one when none is.
/// </summary>
public partial class IncidentTemplatesPage : PortalComponent
{
    private IReadOnlyList<IncidentTemplate> _templates = [];
    private string? _selected;
    private bool _isNew;
    private string _key = "";
    private string _name = "";
    private string _description = "";
    private string _body = "";
    private IReadOnlyList<FieldError> _problems = [];
    private IReadOnlyList<FieldError> _errors = [];
    private RenderedRunbook _preview = RunbookMarkdown.Render("", liveBlocks: false);
    private PlaceholderContext _sample = SampleContext(null);
    private string _sampleSource = "a made-up alert (none is firing)";

    [Inject]
    public required IIncidentStore Store { get; init; }

    [Inject]
    public required ILiveAlerts Live { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    /// <summary>Only hides the editing: the store refuses non-Admins itself.</summary>
    private string? ReadOnlyReason => User.Refusal(PortalAction.ManageSettings);

    private string? ErrorFor(string field)
    {
        var messages = _errors.Where(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase)).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private static string Where(FieldError problem) => problem.Position is { } at ? $"Line {at.Line}, column {at.Column}: " : "";

    /// <summary>What the preview fills the placeholders with: the alert (firing now or made up) and a rule shaped like it.</summary>
    internal static PlaceholderContext SampleContext(AlertEntry? alert)
    {
        var facts = alert is null
            ? new AlertFacts("HighErrorRate", new Dictionary<string, string> { ["alertname"] = "HighErrorRate", ["instance"] = "api-1:8080", ["job"] = "api", ["severity"] = "critical" },
                0.42, DateTimeOffset.UtcNow.AddMinutes(-20))
            : new AlertFacts(alert.AlertName, alert.Labels, alert.Value, alert.Since);
        var rule = new RuleFacts(alert?.RuleId ?? Guid.Empty, 1, facts.Name, alert is null ? "rate(http_errors_total[5m]) > 0.3" : "(the rule's expression)",
            null, ">", alert is null ? 0.3 : null, TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromSeconds(30), alert?.Team ?? "team-a", alert?.Runbook);
        return new PlaceholderContext(facts, rule, alert?.Runbook, "SEV-1", [], [], DateTimeOffset.UtcNow);
    }

    protected override async Task OnInitializedAsync()
    {
        await RunAsync(async ct => _templates = await Store.TemplatesAsync(ct), "The templates could not be loaded");
        // A preview on a real alert is the point; Prometheus being away only means a made-up one.
        await RunAsync(async ct =>
        {
            var board = await Live.AlertsAsync(new AlertFilter(State: LiveState.Firing), ct);
            if (board.All.FirstOrDefault() is { } firing)
            {
                _sample = SampleContext(firing);
                _sampleSource = $"{firing.AlertName}, firing now";
            }
        }, "No firing alert could be read", show: _ => { });
        if (_templates.FirstOrDefault() is { } first)
        {
            Select(first.Key);
        }
    }

    private void Select(string? key)
    {
        if (_templates.FirstOrDefault(t => t.Key == key) is not { } template)
        {
            return;
        }

        (_selected, _isNew, _key, _name, _description, _errors) = (template.Key, false, template.Key, template.Name, template.Description, []);
        OnBodyChanged(template.Body);
    }

    private void New()
    {
        (_selected, _isNew, _key, _name, _description, _errors) = (null, true, "", "", "", []);
        OnBodyChanged("# {{alert.name}}\n\n");
    }

    private void OnBodyChanged(string? body)
    {
        _body = body ?? "";
        _problems = Placeholders.Validate(_body);
        _preview = RunbookMarkdown.Render(_problems.Count == 0 ? Placeholders.Render(_body, _sample) : _body, liveBlocks: false);
    }

    private async Task SaveAsync()
    {
        if (Busy || ReadOnlyReason is not null)
        {
            return;
        }

        if (_problems.Count > 0)
        {
            Snackbar.Add("Not saved: the body names placeholders that do not exist.", Severity.Warning);
            return;
        }

        StoreResult<IncidentTemplate>? result = null;
        var template = new IncidentTemplate(_key.Trim(), _name.Trim(), _description.Trim(), _body);
        await RunAsync(async ct => result = await Store.SaveTemplateAsync(template, User.Caller, ct), "Not saved", Toast);
        if (result is { Succeeded: true, Value: { } saved })
        {
            await RunAsync(async ct => _templates = await Store.TemplatesAsync(ct), "The templates could not be reloaded");
            Select(saved.Key);
            Snackbar.Add($"Saved {saved.Name}", Severity.Success);
        }
        else if (result is not null)
        {
            _errors = result.Errors;
            _problems = result.Errors.Where(e => e.Field.StartsWith("body", StringComparison.OrdinalIgnoreCase)).ToList();
            Snackbar.Add("Not saved: " + string.Join(" ", result.Errors.Select(e => e.Message)), Severity.Warning);
        }
    }
}
