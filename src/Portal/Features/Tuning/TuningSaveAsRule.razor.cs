using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Security;
using Portal.Components;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Tuning;

/// <summary>
/// Saves an explored expression as a new alert through <see cref="IRuleStore.SaveAsync"/>, which checks the
/// caller's rights and audits; the editor then opens on the new rule for its annotations. The expression
/// is saved as typed, with only the threshold replaced.
/// </summary>
public partial class TuningSaveAsRule
{
    private IReadOnlyList<GroupChoice> _groups = [];
    private IReadOnlyList<string> _errors = [];
    private GroupChoice? _group;
    private string? _name;
    private string? _nameError;
    private string _severity = "warning";
    private bool _saving;

    [Inject] public required IRuleStore Rules { get; init; }
    [Inject] public required ActingUser User { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [Parameter, EditorRequired] public string Expression { get; set; } = "";
    [Parameter] public double Threshold { get; set; }
    [Parameter] public TimeSpan For { get; set; }
    [Parameter] public TimeSpan KeepFiringFor { get; set; }

    /// <summary>The typed expression with the threshold under test in place of its own.</summary>
    private string ExpressionToSave => ThresholdParts.Of(Expression)?.WithThreshold(Threshold).Expression ?? Expression;

    protected override async Task OnInitializedAsync()
    {
        // The store refuses the others anyway; offering them would only lead to a refusal.
        _groups = (await Rules.GroupChoicesAsync(CancellationToken.None)).Where(g => User.Refusal(PortalAction.EditRules, g.Team) is null).ToList();
        _group = _groups.Count == 1 ? _groups[0] : null;
    }

    private static string Span(TimeSpan span) => PromDuration.FromTimeSpan(span).ToString();

    private async Task SaveAsync()
    {
        if (_saving || _group is null)
        {
            return;
        }

        _nameError = string.IsNullOrWhiteSpace(_name) ? "Give the alert a name." : null;
        if (_nameError is not null)
        {
            return;
        }

        _saving = true;
        try
        {
            var content = new RuleContent(RuleKind.Alerting, _name!.Trim(), ExpressionToSave,
                For > TimeSpan.Zero ? PromDuration.FromTimeSpan(For) : null,
                KeepFiringFor > TimeSpan.Zero ? PromDuration.FromTimeSpan(KeepFiringFor) : null,
                LabelMap.Of(("severity", _severity)), LabelMap.Empty);
            var result = await Rules.SaveAsync(new RuleEdit(null, _group.Id, content, 0, "Saved from the tuning page", null), User.Caller, CancellationToken.None);
            if (result.Outcome == StoreOutcome.Saved && result.Value is { } saved)
            {
                Snackbar.Add($"Saved {saved.Content.Name} in {saved.Namespace}; add its annotations here.", Severity.Success);
                Navigation.NavigateTo(PortalRoutes.RuleEditorFor(saved.Id));
                return;
            }

            // Refused, invalid or a name taken: say so and keep every field as typed.
            _errors = result.Errors.Count > 0 ? result.Errors.Select(e => e.Position is { } at ? $"{e.Field} ({at.InWords()}): {e.Message}" : $"{e.Field}: {e.Message}").ToList() : [$"Not saved ({result.Outcome})."];
        }
        finally
        {
            _saving = false;
        }
    }
}
