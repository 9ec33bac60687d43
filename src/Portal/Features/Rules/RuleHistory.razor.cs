using Portal.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>
/// The versions of one rule with a diff between any two, restore of an old one (as a new version), and
/// the rule's threshold changes. Reloads whenever the editor reports a new current version.
/// </summary>
public partial class RuleHistory : PortalComponent
{
    private IReadOnlyList<RuleVersionInfo>? _versions;
    private IReadOnlyList<ThresholdChange>? _thresholds;
    private IReadOnlyList<DiffLine> _diff = [];
    private (Guid Rule, int Number)? _loaded;
    private int _from;
    private int _to;

    [Inject]
    public required IRuleStore Store { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Parameter, EditorRequired]
    public Guid RuleId { get; set; }

    /// <summary>The number of the version the editor shows; a change reloads the history.</summary>
    [Parameter, EditorRequired]
    public int CurrentNumber { get; set; }

    /// <summary>The row version the editor holds, which a restore must start from.</summary>
    [Parameter, EditorRequired]
    public uint RowVersion { get; set; }

    [Parameter, EditorRequired]
    public GroupContext Group { get; set; } = null!;

    /// <summary>Asked before a restore replaces what the form holds; null means nothing would be lost.</summary>
    [Parameter]
    public bool HasUnsavedChanges { get; set; }

    [Parameter]
    public EventCallback<RuleDetail> Restored { get; set; }

    /// <summary>The user may not change the rule: versions are shown without a Restore button.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (RuleId, CurrentNumber))
        {
            return;
        }

        _loaded = (RuleId, CurrentNumber);
        var loaded = await RunAsync(async ct =>
        {
            var versions = await Store.HistoryAsync(RuleId, ct);
            _versions = versions.OrderByDescending(v => v.Number).ToList();
            _thresholds = (await Store.ThresholdHistoryAsync(RuleId, ct)).OrderByDescending(c => c.At).ToList();
            _to = _versions.FirstOrDefault()?.Number ?? 0;
            _from = _versions.Skip(1).FirstOrDefault()?.Number ?? _to;
            UpdateDiff();
        }, "The history could not be loaded");
        if (!loaded && Error is not null)
        {
            _versions ??= [];
        }
    }

    private void OnFromChanged(int number)
    {
        _from = number;
        UpdateDiff();
    }

    private void OnToChanged(int number)
    {
        _to = number;
        UpdateDiff();
    }

    private void UpdateDiff()
    {
        string Yaml(int number) =>
            _versions?.FirstOrDefault(v => v.Number == number) is { } version ? RuleYaml.Render(Group, version.Content) ?? "" : "";

        _diff = LineDiff.Compute(Yaml(_from), Yaml(_to));
    }

    private async Task RestoreAsync(RuleVersionInfo version)
    {
        if (Busy)
        {
            return;
        }

        var message = $"The rule's content becomes that of version {version.Number} again, saved as a new version."
                      + (HasUnsavedChanges ? " Your unsaved changes in the form are discarded." : "");
        if (await Dialogs.ShowMessageBoxAsync($"Restore version {version.Number}?", message, yesText: "Restore", cancelText: "Cancel") != true)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var result = await Store.RestoreAsync(RuleId, version.Number, RowVersion, User.Caller, ct);
            switch (result.Outcome)
            {
                case StoreOutcome.Saved or StoreOutcome.Unchanged when result.Value is { } detail:
                    Snackbar.Add(result.Outcome == StoreOutcome.Saved
                        ? $"Restored version {version.Number} as version {detail.VersionNumber}"
                        : "Nothing changed: the rule already has that content", Severity.Success);
                    await Restored.InvokeAsync(detail);
                    break;
                case StoreOutcome.Conflict:
                    Snackbar.Add("Someone changed the rule since you opened it; reload the page to restore from their version.", Severity.Warning);
                    break;
                default:
                    Snackbar.Add("Not restored: " + string.Join("; ", result.Errors.Select(e => e.Message)), Severity.Error);
                    break;
            }
        }, "Not restored", Toast);
    }
}
