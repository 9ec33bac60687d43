using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Portal.Components.Layout;
using Portal.Components.Shared.Charts;

namespace Portal.Components.Shared;

/// <summary>
/// A line or area chart drawn by apexcharts in the browser. It is created once, on the first
/// interactive render; later parameter changes update it in place (<c>updateSeries</c> when only the
/// data changed, <c>updateOptions</c> otherwise), so a slider drag never rebuilds the chart.
/// </summary>
public partial class ApexChart : IAsyncDisposable
{
    // The names E2E tests and ClientApp/src/charts.js agree on.
    internal const string CreateFunction = "portal.charts.create";
    internal const string UpdateOptionsFunction = "portal.charts.updateOptions";
    internal const string UpdateSeriesFunction = "portal.charts.updateSeries";
    internal const string DestroyFunction = "portal.charts.destroy";

    private readonly string _id = "chart-" + Guid.NewGuid().ToString("N");
    private ElementReference _element;
    private string _optionsJson = "";
    private string _seriesJson = "";
    private string? _sentOptionsJson;
    private string? _sentSeriesJson;
    private bool _created;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Parameter, EditorRequired]
    public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    [Parameter]
    public ApexChartType Type { get; set; } = ApexChartType.Line;

    /// <summary>Height of the plot in CSS pixels.</summary>
    [Parameter]
    public int Height { get; set; } = 300;

    [Parameter]
    public string? YAxisTitle { get; set; }

    [Parameter]
    public string? XAxisTitle { get; set; }

    /// <summary>Lower bound of the y axis; null lets the chart choose.</summary>
    [Parameter]
    public double? YMin { get; set; }

    [Parameter]
    public double? YMax { get; set; }

    [Parameter]
    public bool Logarithmic { get; set; }

    /// <summary>Decimals in the y axis labels; null lets the chart choose.</summary>
    [Parameter]
    public int? YDecimals { get; set; }

    /// <summary>Horizontal lines, such as the threshold under test.</summary>
    [Parameter]
    public IReadOnlyList<HorizontalLine>? Lines { get; set; }

    /// <summary>Shaded x ranges, such as the windows in which an alert fired.</summary>
    [Parameter]
    public IReadOnlyList<ShadedRange>? Ranges { get; set; }


    protected override void OnParametersSet()
    {
        var series = ApexOptionsMapper.Series(Series);
        _seriesJson = JsonSerializer.Serialize(series, ApexJson.Options);
        _optionsJson = JsonSerializer.Serialize(BuildOptions(), ApexJson.Options);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The sent state is recorded before awaiting: a render that happens meanwhile must not send
        // the same change twice. charts.js queues calls behind the first render.
        if (firstRender)
        {
            _created = true;
            _sentOptionsJson = _optionsJson;
            _sentSeriesJson = _seriesJson;
            await JS.InvokeVoidAsync(CreateFunction, _id, _element, FullOptionsJson());
        }
        else if (_created && _optionsJson != _sentOptionsJson)
        {
            _sentOptionsJson = _optionsJson;
            _sentSeriesJson = _seriesJson;
            await JS.InvokeVoidAsync(UpdateOptionsFunction, _id, FullOptionsJson());
        }
        else if (_created && _seriesJson != _sentSeriesJson)
        {
            _sentSeriesJson = _seriesJson;
            await JS.InvokeVoidAsync(UpdateSeriesFunction, _id, _seriesJson);
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (!_created)
        {
            return;
        }

        _created = false;
        try
        {
            await JS.InvokeVoidAsync(DestroyFunction, _id);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's page with it: nothing left to clean up.
        }
    }

    private ApexOptions BuildOptions(IReadOnlyList<ApexSeries>? series = null)
    {
        var dark = IsDark;
        var mode = dark ? "dark" : "light";
        var xAxis = ApexOptionsMapper.XAxis(Series);
        var time = xAxis == XAxisKind.Time;

        return new ApexOptions(
            new ApexChartSection(
                Type == ApexChartType.Area ? "area" : "line",
                Height,
                Background: "transparent",
                FontFamily: "inherit",
                // Charts are redrawn while thresholds are dragged; animation would only lag behind.
                Animations: new ApexToggle(false),
                new ApexToolbar(Show: time, new ApexToolbarTools(Download: false, Selection: false, Zoom: true, Zoomin: true, Zoomout: true, Pan: true, Reset: true)),
                new ApexZoom(Enabled: time, Type: "x")),
            ApexOptionsMapper.XAxisOptions(xAxis, XAxisTitle),
            [new ApexYAxis(ApexOptionsMapper.Title(YAxisTitle), YMin, YMax, Logarithmic, YDecimals)],
            ApexOptionsMapper.Annotations(Lines, Ranges),
            new ApexTheme(mode),
            new ApexTooltip(mode, new ApexTooltipX(time ? "dd MMM HH:mm:ss" : null)))
        {
            Series = series,
            Grid = dark ? new ApexGrid("rgba(255,255,255,0.12)") : null,
        };
    }

    private string FullOptionsJson() =>
        JsonSerializer.Serialize(BuildOptions(ApexOptionsMapper.Series(Series)), ApexJson.Options);
}
