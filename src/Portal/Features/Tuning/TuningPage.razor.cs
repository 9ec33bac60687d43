using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Portal.Components.Shared.Charts;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Tuning;

namespace Portal.Features.Tuning;

/// <summary>
/// Loads an alert's samples once per rule and range; every threshold, <c>for</c> or
/// <c>keep_firing_for</c> change re-runs the Domain backtest on those samples in memory.
/// Rule, range and threshold live in the address so a link reproduces the view.
/// </summary>
public partial class TuningPage
{
    private static readonly string[] Ranges = ["1h", "6h", "1d", "7d", "30d"];

    private CancellationTokenSource? _load;
    private RuleListItem? _picked;
    private RuleDetail? _rule;
    private TuningView? _view;
    private string _range = "7d";
    private string _for = "0s";
    private string _keepFiringFor = "0s";
    private string? _forError;
    private string? _keepError;
    private string? _error;
    private bool _busy;
    private string? _exprText;
    private string? _exprError;

    /// <summary>The unsaved expression the view shows (Explore), as typed; null when a stored rule is tuned.</summary>
    private string? _exploring;

    [Inject] public required IRuleStore Rules { get; init; }
    [Inject] public required ITuningTargets Targets { get; init; }
    [Inject] public required ITuningData Data { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required IOptions<TuningAdviceOptions> Advice { get; init; }

    /// <summary>Only set while the page is prerendered on the server; a circuit has no HTTP context to cascade.</summary>
    [CascadingParameter] private HttpContext? Prerendering { get; set; }

    [SupplyParameterFromQuery(Name = "rule")] public Guid? RuleId { get; set; }
    [SupplyParameterFromQuery(Name = "range")] public string? RangeParameter { get; set; }
    [SupplyParameterFromQuery(Name = "threshold")] public double? ThresholdParameter { get; set; }
    [SupplyParameterFromQuery(Name = "expr")] public string? ExprParameter { get; set; }
    [SupplyParameterFromQuery(Name = "for")] public string? ForParameter { get; set; }
    [SupplyParameterFromQuery(Name = "keep_firing_for")] public string? KeepFiringForParameter { get; set; }
    [Inject] public required IOptions<PrometheusOptions> Prometheus { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _range = Ranges.Contains(RangeParameter) ? RangeParameter! : "7d";
        // Prerendering would fetch the range once for the first HTML and again for the circuit: only the circuit
        // does, and the first HTML shows the progress instead of "pick an alert".
        var explore = RuleId is null && !string.IsNullOrWhiteSpace(ExprParameter) ? ExprParameter : null;
        if (Prerendering is not null)
        {
            _busy = RuleId is not null || explore is not null;
            _exprText ??= explore;
            return;
        }

        if (RuleId is { } id && id != _view?.Target.RuleId)
        {
            await LoadAsync(id, ThresholdParameter);
        }
        else if (explore is not null && (explore != _exploring || _view is null && _error is null))
        {
            _exprText = explore;
            await ExploreLoadAsync(explore, ThresholdParameter);
        }
    }

    private void ExprTextChanged(string? text) => (_exprText, _exprError) = (text, null);

    private async Task ExprKeyUp(Microsoft.AspNetCore.Components.Web.KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await ExploreAsync();
        }
    }

    /// <summary>Explore: the typed expression goes into the address, so the view can be shared and reloaded.</summary>
    private Task ExploreAsync()
    {
        if (string.IsNullOrWhiteSpace(_exprText))
        {
            return Task.CompletedTask;
        }

        var (target, problem) = TuningTarget.Explore(_exprText, TimeSpan.Zero, TimeSpan.Zero, Prometheus.Value.EvaluationInterval);
        if (target is null)
        {
            // Said next to the field; the text stays as typed.
            _exprError = problem;
            return Task.CompletedTask;
        }

        _picked = null;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["rule"] = null, ["threshold"] = null, ["expr"] = _exprText, ["for"] = _for == "0s" ? null : _for,
            ["keep_firing_for"] = _keepFiringFor == "0s" ? null : _keepFiringFor,
        }));
        return Task.CompletedTask;
    }

    /// <summary>An expression that is not stored: tuned like a rule, saved (if at all) as a new one.</summary>
    private async Task ExploreLoadAsync(string expression, double? threshold)
    {
        var problems = new List<string>();
        TimeSpan Duration(string? text, string name)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return TimeSpan.Zero;
            }
            if (PromDuration.TryParse(text, out var value, out var error))
            {
                return value.ToTimeSpan();
            }
            problems.Add($"{name}: {error}");
            return TimeSpan.Zero;
        }

        var @for = Duration(ForParameter, "for");
        var keep = Duration(KeepFiringForParameter, "keep_firing_for");
        var (target, problem) = TuningTarget.Explore(expression, @for, keep, Prometheus.Value.EvaluationInterval);
        _exploring = expression;
        _rule = null;
        if (target is null || problems.Count > 0)
        {
            (_view, _exprError) = (null, null);
            _error = string.Join("; ", problems.Prepend(problem).OfType<string>());
            return;
        }

        await LoadTargetAsync(target, threshold);
    }

    private async Task<IEnumerable<RuleListItem>> SearchRulesAsync(string? text, CancellationToken ct) =>
        (await Rules.ListAsync(new RuleQuery(Text: text, Kind: RuleKind.Alerting, Sort: RuleSort.Name, Take: 20), ct)).Items;

    private Task PickAsync(RuleListItem? item)
    {
        _picked = item;
        if (item is not null)
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
            {
                ["rule"] = item.Id, ["threshold"] = null, ["expr"] = null, ["for"] = null, ["keep_firing_for"] = null,
            }));
        }

        return Task.CompletedTask;
    }

    private async Task ChangeRangeAsync(string range)
    {
        _range = range;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("range", range), replace: true);
        if (_view?.Target.RuleId is { } id)
        {
            await LoadAsync(id, _view.Threshold);
        }
        else if (_view is { } view && _exploring is not null)
        {
            await LoadTargetAsync(view.Target with { For = view.For, KeepFiringFor = view.KeepFiringFor }, view.Threshold);
        }
    }

    private void CancelLoad() => _load?.Cancel();

    private async Task LoadAsync(Guid ruleId, double? threshold)
    {
        _exploring = null;
        await LoadTargetAsync(null, threshold, ruleId);
    }

    /// <param name="target">An unsaved expression's target; null to load the stored rule <paramref name="ruleId"/>.</param>
    private async Task LoadTargetAsync(TuningTarget? target, double? threshold, Guid? ruleId = null)
    {
        _load?.Cancel();
        _load?.Dispose();
        _load = new CancellationTokenSource();
        var ct = _load.Token;
        (_busy, _error) = (true, null);
        try
        {
            if (ruleId is { } id)
            {
                (target, var problem) = await Targets.ForRuleAsync(id, ct);
                if (target is null)
                {
                    (_error, _view) = (problem, null);
                    return;
                }

                _rule = await Rules.GetAsync(id, ct);
                _picked ??= await ListItemAsync(_rule, ct);
            }

            var end = DateTimeOffset.UtcNow;
            var samples = await Data.LoadAsync(new TuningRequest(target!.Query, end - PromDuration.Parse(_range).ToTimeSpan(), end, target.Interval), ct);
            _view = new TuningView(target, samples, await SiblingThresholdsAsync(target, ct), threshold ?? target.Threshold, Advice.Value.Sweep(target.Severity));
            (_for, _keepFiringFor, _forError, _keepError) = (Duration(target.For), Duration(target.KeepFiringFor), null, null);
        }
        catch (OperationCanceledException)
        {
            _error = "Loading was cancelled; the last samples stay on screen.";
        }
        catch (Exception e) when (e is PrometheusException or TuningRefusedException)
        {
            // Prometheus down or a refused range: say why and keep whatever was shown before.
            _error = e is PrometheusException { Position: { } at } ? $"{at.InWords()}: {e.Message}" : e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Duration(TimeSpan span) => PromDuration.FromTimeSpan(span).ToString();

    /// <summary>The picker shows the rule opened by address too (from the rule editor or a shared link).</summary>
    private async Task<RuleListItem?> ListItemAsync(RuleDetail? rule, CancellationToken ct) => rule is null
        ? null
        : (await Rules.ListAsync(new RuleQuery(Namespace: rule.Namespace, Text: rule.Content.Name, Kind: RuleKind.Alerting, Take: 50), ct)).Items.FirstOrDefault(r => r.Id == rule.Id);

    /// <summary>Warning and critical pairs share a query; their thresholds are drawn together.</summary>
    private async Task<IReadOnlyList<double>> SiblingThresholdsAsync(TuningTarget target, CancellationToken ct)
    {
        var candidates = await Rules.ListAsync(new RuleQuery(Text: target.Query, Kind: RuleKind.Alerting, Take: 20), ct);
        return candidates.Items
            .Where(r => r.Id != target.RuleId)
            .Select(r => ThresholdForm.Find(r.Expression))
            .Where(f => f is not null && f.Query == target.Query)
            .Select(f => f!.Threshold)
            .ToList();
    }

    private void ThresholdChanged(double threshold)
    {
        if (double.IsNaN(threshold) || _view is null)
        {
            return;
        }

        _view.MoveThreshold(threshold);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("threshold", threshold), replace: true);
    }

    /// <summary>A heatmap cell: both its threshold and its for go into the form.</summary>
    private void PickCell((double Threshold, TimeSpan For) cell)
    {
        if (_view is null)
        {
            return;
        }

        _view.Pick(cell.Threshold, cell.For);
        (_for, _forError) = (Duration(cell.For), null);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("threshold", cell.Threshold), replace: true);
    }

    private void ForChanged(string text)
    {
        _for = text;
        _forError = PromDuration.TryParse(text, out _, out var error) ? null : error;
        DurationsChanged();
    }

    private void KeepFiringForChanged(string text)
    {
        _keepFiringFor = text;
        _keepError = PromDuration.TryParse(text, out _, out var error) ? null : error;
        DurationsChanged();
    }

    private void DurationsChanged()
    {
        if (_view is not null && PromDuration.TryParse(_for, out var f) && PromDuration.TryParse(_keepFiringFor, out var k))
        {
            _view.ChangeDurations(f.ToTimeSpan(), k.ToTimeSpan());
        }
    }

    private async Task SavedAsync()
    {
        if (_view?.Target.RuleId is { } id)
        {
            _rule = await Rules.GetAsync(id, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _load?.Cancel();
        _load?.Dispose();
        GC.SuppressFinalize(this);
    }
}
