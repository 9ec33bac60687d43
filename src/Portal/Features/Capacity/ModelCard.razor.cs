using Microsoft.AspNetCore.Components;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Components.Shared.Charts;
using Portal.Domain.Capacity;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Catalog;
using Portal.Security;

namespace Portal.Features.Capacity;

/// <summary>
/// One capacity model: its value, gauge, band, forecast and recommendation, a trend chart with the limit, the
/// marks and the warning and critical lines; and, for the team's Editors, "alert on this" and edit.
/// </summary>
public partial class ModelCard : PortalComponent
{
    private IReadOnlyList<ChartSeries> _series = [];
    private IReadOnlyList<HorizontalLine> _lines = [];
    private string _axis = "";

    [Parameter, EditorRequired]
    public CapacityCard Card { get; set; } = null!;

    /// <summary>Only hides the buttons: the store checks every write itself.</summary>
    [Parameter]
    public bool CanWrite { get; set; }

    [Parameter]
    public EventCallback<CapacityModelRow> Edit { get; set; }

    [Inject]
    public required ICapacityStore Store { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override void OnParametersSet()
    {
        var spec = Card.Model.Spec;
        var limit = Card.Assessment.Limit;
        var largest = Card.Usage.Select(s => s.Value).Concat(Card.Limit.Select(s => s.Value)).Append(limit ?? 0)
            .Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var (divisor, title) = CapacityDisplay.Scale(spec.Unit, largest);
        _axis = title;

        static TimePoint Point(Domain.Tuning.Sample s, double divisor) =>
            new(DateTimeOffset.FromUnixTimeMilliseconds(s.TimestampMs), double.IsFinite(s.Value) ? s.Value / divisor : null);

        var series = new List<ChartSeries> { new TimeSeries(spec.Name, Card.Usage.Select(s => Point(s, divisor)).ToList()) };
        if (Card.Limit.Count > 0)
        {
            series.Add(new TimeSeries("limit", Card.Limit.Select(s => Point(s, divisor)).ToList()) { Color = "#616161" });
        }

        _series = series;
        _lines = limit is { } l && l > 0 ? Lines(spec, l / divisor) : [];
    }

    /// <summary>The limit, the warning and critical levels and every mark, in the chart's scale.</summary>
    internal static IReadOnlyList<HorizontalLine> Lines(CapacityModelSpec spec, double limit)
    {
        var lines = new List<HorizontalLine>
        {
            new(limit, "limit", "#616161", Dashed: false),
            new(limit * spec.Critical, $"critical {CapacityDisplay.Percent(spec.Critical)}", "#d32f2f"),
            new(limit * spec.Warning, $"warning {CapacityDisplay.Percent(spec.Warning)}", "#f57c00"),
        };
        lines.AddRange(spec.Marks.Select(m => new HorizontalLine(limit * m.Fraction, $"{m.Name} {CapacityDisplay.Percent(m.Fraction)}", "#1976d2")));
        return lines;
    }

    private Task AlertOnThisAsync()
    {
        if (Busy)
        {
            return Task.CompletedTask;
        }

        return RunAsync(async ct =>
        {
            var result = await Store.DraftAlertAsync(Card.Model.Id, User.Caller, ct);
            if (result is { Succeeded: true, Value: var id })
            {
                Navigation.NavigateTo(PortalRoutes.RuleEditorFor(id));
                return;
            }

            Error = "No alert was drafted: " + string.Join(" ", result.Errors.Select(e => e.Message));
        }, "No alert was drafted");
    }
}
