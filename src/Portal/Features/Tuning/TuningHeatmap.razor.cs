using System.Globalization;
using Microsoft.AspNetCore.Components;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;

namespace Portal.Features.Tuning;

/// <summary>
/// The threshold × <c>for</c> grid as coloured cells. Colours are steps of alerts per week against the
/// rule's budget (not a gradient of raw values), so "within budget" reads the same on every rule.
/// Cell text and colours are worked out once per grid, not on every render of a slider drag.
/// </summary>
public partial class TuningHeatmap
{
    internal static readonly (string Css, string Label)[] Legend =
        [("c0", "none"), ("c1", "≤ ½"), ("c2", "≤ 1×"), ("c3", "≤ 2×"), ("c4", "≤ 4×"), ("c5", "≤ 10×"), ("c6", "more")];

    private ThresholdForGridResult? _drawn;
    private double _drawnBudget;
    private IReadOnlyList<Row> _rows = [];
    private IReadOnlyList<string> _ticks = [];
    private int _columns;
    private int _currentColumn;

    [Parameter, EditorRequired] public ThresholdForGridResult Grid { get; set; } = null!;
    [Parameter] public TokenKind Operator { get; set; }
    [Parameter] public double Budget { get; set; }
    [Parameter] public double Threshold { get; set; }
    [Parameter] public TimeSpan For { get; set; }
    [Parameter] public EventCallback<(double Threshold, TimeSpan For)> OnPick { get; set; }

    protected override void OnParametersSet()
    {
        _currentColumn = Nearest(Grid.Thresholds, Threshold);
        if (ReferenceEquals(_drawn, Grid) && _drawnBudget == Budget)
        {
            return;
        }

        (_drawn, _drawnBudget, _columns) = (Grid, Budget, Grid.Thresholds.Count);
        var symbol = Comparisons.Symbol(Operator);
        _rows = Grid.Rows.Select((cells, f) =>
        {
            var label = PromDuration.FromTimeSpan(Grid.Fors[f]).ToString();
            return new Row(label, cells.Select((c, t) => new Cell(Css(c.AlertsPerWeek, Budget),
                $"{symbol} {Grid.Thresholds[t]:G4} for {label}: {c.AlertsPerWeek:0.##} alerts/week, "
                + (c.MedianDelay is { } delay ? $"median delay {TuningText.Span(delay)}, {c.FiringHours:0.#} h firing" : "never fires"))).ToList());
        }).ToList();
        _ticks = Ticks(Grid.Thresholds);
    }

    /// <summary>The step of the legend a rate falls in; a rate exactly at the budget is still within it.</summary>
    internal static string Css(double alertsPerWeek, double budget)
    {
        if (!(alertsPerWeek > 0))
        {
            return "c0";
        }

        var ratio = budget > 0 ? alertsPerWeek / budget : double.PositiveInfinity;
        return ratio switch { <= 0.5 => "c1", <= 1 => "c2", <= 2 => "c3", <= 4 => "c4", <= 10 => "c5", _ => "c6" };
    }

    /// <summary>The cell the form shows: its for row and the column nearest its threshold.</summary>
    private string CellClass(int row, int column) =>
        column == _currentColumn && Grid.Fors[row] == For ? _rows[row].Cells[column].Css + " current" : _rows[row].Cells[column].Css;

    private string ThresholdText(int column) => Grid.Thresholds[column].ToString("R", CultureInfo.InvariantCulture);

    private static int Nearest(IReadOnlyList<double> thresholds, double threshold)
    {
        var best = 0;
        for (var t = 1; t < thresholds.Count; t++)
        {
            if (Math.Abs(thresholds[t] - threshold) < Math.Abs(thresholds[best] - threshold))
            {
                best = t;
            }
        }
        return best;
    }

    private Task PickAsync(int row, int column) => OnPick.InvokeAsync((Grid.Thresholds[column], Grid.Fors[row]));

    /// <summary>The lowest, middle and highest threshold (and the quarters between when there is room), written short.</summary>
    private static List<string> Ticks(IReadOnlyList<double> thresholds)
    {
        if (thresholds.Count == 0)
        {
            return [];
        }

        var count = thresholds.Count >= 20 ? 5 : thresholds.Count >= 3 ? 3 : thresholds.Count;
        return Enumerable.Range(0, count)
            .Select(i => thresholds[count == 1 ? 0 : (int)Math.Round((double)i * (thresholds.Count - 1) / (count - 1))].ToString("G4", CultureInfo.InvariantCulture))
            .ToList();
    }

    private sealed record Cell(string Css, string Title);

    private sealed record Row(string Label, IReadOnlyList<Cell> Cells);
}
