using Microsoft.AspNetCore.Components;
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
    private const int ChartedSeries = 8;

    private CancellationTokenSource? _load;
    private RuleListItem? _picked;
    private RuleDetail? _rule;
    private TuningTarget? _target;
    private TuningSamples? _samples;
    private BacktestResult? _result;
    private SweepResult? _sweep;
    private IReadOnlyList<double> _siblings = [];
    private string _range = "7d";
    private double _threshold;
    private string _for = "0s";
    private string _keepFiringFor = "0s";
    private string? _forError;
    private string? _keepError;
    private string? _error;
    private bool _busy;
    private IReadOnlyList<ChartSeries> _chartSeries = [];
    private IReadOnlyList<HorizontalLine> _chartLines = [];
    private IReadOnlyList<ShadedRange> _chartRanges = [];
    private IReadOnlyList<ChartSeries> _sweepSeries = [];
    private IReadOnlyList<ShadedRange> _sweepMarks = [];

    [Inject] public required IRuleStore Rules { get; init; }
    [Inject] public required ITuningTargets Targets { get; init; }
    [Inject] public required ITuningData Data { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "rule")] public Guid? RuleId { get; set; }
    [SupplyParameterFromQuery(Name = "range")] public string? RangeParameter { get; set; }
    [SupplyParameterFromQuery(Name = "threshold")] public double? ThresholdParameter { get; set; }

    private double SliderStep => _sweep?.Quantiles is { } q && q.Max > q.Min ? Math.Pow(10, Math.Floor(Math.Log10((q.Max - q.Min) / 200))) : 0.01;

    protected override async Task OnParametersSetAsync()
    {
        _range = Ranges.Contains(RangeParameter) ? RangeParameter! : "7d";
        if (RuleId is { } id && id != _target?.RuleId)
        {
            await LoadAsync(id, ThresholdParameter);
        }
    }

    private async Task<IEnumerable<RuleListItem>> SearchRulesAsync(string? text, CancellationToken ct) =>
        (await Rules.ListAsync(new RuleQuery(Text: text, Kind: RuleKind.Alerting, Sort: RuleSort.Name, Take: 20), ct)).Items;

    private Task PickAsync(RuleListItem? item)
    {
        _picked = item;
        if (item is not null)
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["rule"] = item.Id, ["threshold"] = null }));
        }

        return Task.CompletedTask;
    }

    private async Task ChangeRangeAsync(string range)
    {
        _range = range;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("range", range), replace: true);
        if (_target?.RuleId is { } id)
        {
            await LoadAsync(id, _threshold);
        }
    }

    private void CancelLoad() => _load?.Cancel();

    private async Task LoadAsync(Guid ruleId, double? threshold)
    {
        _load?.Cancel();
        _load?.Dispose();
        _load = new CancellationTokenSource();
        var ct = _load.Token;
        (_busy, _error) = (true, null);
        try
        {
            var (target, problem) = await Targets.ForRuleAsync(ruleId, ct);
            if (target is null)
            {
                (_error, _target, _samples) = (problem, null, null);
                return;
            }

            _rule = await Rules.GetAsync(ruleId, ct);
            var end = DateTimeOffset.UtcNow;
            var samples = await Data.LoadAsync(new TuningRequest(target.Query, end - PromDuration.Parse(_range).ToTimeSpan(), end, target.Interval), ct);
            (_target, _samples) = (target, samples);
            _threshold = threshold ?? target.Threshold;
            _for = PromDuration.FromTimeSpan(target.For).ToString();
            _keepFiringFor = PromDuration.FromTimeSpan(target.KeepFiringFor).ToString();
            _siblings = await SiblingThresholdsAsync(target, ct);
            Recompute(sweep: true);
        }
        catch (OperationCanceledException)
        {
            _error = "Loading was cancelled; the last samples stay on screen.";
        }
        catch (Exception e) when (e is PrometheusException or TuningRefusedException)
        {
            // Prometheus down or a refused range: say why and keep whatever was shown before.
            _error = e is PrometheusException { Position: { } at } ? $"{at}: {e.Message}" : e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

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
        if (double.IsNaN(threshold) || _samples is null)
        {
            return;
        }

        _threshold = threshold;
        Recompute(sweep: false);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("threshold", threshold), replace: true);
    }

    private void ForChanged(string text)
    {
        _for = text;
        _forError = PromDuration.TryParse(text, out _, out var error) ? null : error;
        if (_forError is null)
        {
            Recompute(sweep: true);
        }
    }

    private void KeepFiringForChanged(string text)
    {
        _keepFiringFor = text;
        _keepError = PromDuration.TryParse(text, out _, out var error) ? null : error;
        if (_keepError is null)
        {
            Recompute(sweep: true);
        }
    }

    private void Recompute(bool sweep)
    {
        if (_samples is null || _target is null)
        {
            return;
        }

        var @for = PromDuration.TryParse(_for, out var f) ? f.ToTimeSpan() : TimeSpan.Zero;
        var keep = PromDuration.TryParse(_keepFiringFor, out var k) ? k.ToTimeSpan() : TimeSpan.Zero;
        var input = _samples.Input(_target.Operator, _threshold, @for, keep);
        _result = Backtest.Run(input);
        if (sweep || _sweep is null)
        {
            _sweep = ThresholdSweep.Run(input, new SweepOptions { Severity = _target.Severity });
        }

        DrawCharts();
    }

    private async Task SavedAsync()
    {
        if (_target?.RuleId is { } id)
        {
            _rule = await Rules.GetAsync(id, CancellationToken.None);
            _target = _target with { Threshold = _threshold };
        }
    }

    public void Dispose()
    {
        _load?.Cancel();
        _load?.Dispose();
    }
}
