using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Security;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Tuning;

public partial class TuningSave
{
    private IReadOnlyList<ThresholdChange> _history = [];
    private List<(string Label, double Value, IReadOnlyDictionary<string, string> Labels)> _episodes = [];
    private int _episode;
    private string? _reason;
    private bool _saving;

    [Inject] public required IRuleStore Rules { get; init; }
    [Inject] public required ActingUser User { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    [Parameter, EditorRequired] public RuleDetail Rule { get; set; } = null!;
    [Parameter] public double Threshold { get; set; }
    [Parameter] public BacktestResult? Result { get; set; }
    [Parameter] public EventCallback OnSaved { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _history = await Rules.ThresholdHistoryAsync(Rule.Id, CancellationToken.None);
        _episodes = (Result?.Series ?? [])
            .SelectMany(s => s.Episodes.Where(e => e.Fired).Select(e => (s, e)))
            .OrderByDescending(x => x.e.FiringSinceMs)
            .Take(50)
            .Select(x => (
                $"{DateTimeOffset.FromUnixTimeMilliseconds(x.e.FiringSinceMs!.Value).ToLocalTime():MM-dd HH:mm} {TuningView.SeriesName(x.s.Labels)} peak {x.e.PeakValue:G4}",
                x.e.PeakValue,
                (IReadOnlyDictionary<string, string>)x.s.Labels.Concat(Rule.Content.Labels).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.Last().Value)))
            .ToList();
        _episode = Math.Min(_episode, Math.Max(0, _episodes.Count - 1));
    }

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        try
        {
            var edit = new RuleEdit(Rule.Id, Rule.GroupId, Rule.Content.WithThreshold(Threshold), Rule.Version, _reason, Rule.VersionNumber)
            {
                ExpectedAlertsPerWeek = Result?.Total.AlertsPerWeek,
            };
            var result = await Rules.SaveAsync(edit, User.Caller, CancellationToken.None);
            switch (result.Outcome)
            {
                case StoreOutcome.Saved:
                    Snackbar.Add($"Saved version {result.Value!.VersionNumber} with threshold {Threshold:G6}.", Severity.Success);
                    _reason = null;
                    await OnSaved.InvokeAsync();
                    break;
                case StoreOutcome.Conflict:
                    Snackbar.Add("Someone else changed this rule meanwhile; reload the rule before saving.", Severity.Warning);
                    break;
                default:
                    Snackbar.Add("Not saved: " + string.Join("; ", result.Errors.Select(e => e.Message)), Severity.Error);
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
