using System.Text.Json;
using Bunit;
using Microsoft.JSInterop;
using Portal.Components.Shared;
using Portal.Components.Shared.Charts;

namespace Portal.Tests.Unit.Components;

public class ApexChartTests : BunitTestContext
{
    // The JS names are spelled out rather than taken from ApexChart: E2E tests and charts.js rely on them.
    private const string Create = "portal.charts.create";
    private const string UpdateOptions = "portal.charts.updateOptions";
    private const string UpdateSeries = "portal.charts.updateSeries";
    private const string Destroy = "portal.charts.destroy";

    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<ChartSeries> Series(double first = 1.5) =>
        [new TimeSeries("errors/s", [new TimePoint(T0, first), new TimePoint(T0.AddMinutes(1), null), new TimePoint(T0.AddMinutes(2), double.NaN)])];

    [Fact]
    public void FirstRender_CreatesTheChartOnce_WithSeriesAndAnnotations()
    {
        Render<ApexChart>(p => p
            .Add(c => c.Series, Series())
            .Add(c => c.Type, ApexChartType.Area)
            .Add(c => c.YAxisTitle, "errors/s")
            .Add(c => c.YMin, 0)
            .Add(c => c.Lines, [new HorizontalLine(0.5, "threshold", "#f00")])
            .Add(c => c.Ranges, [new ShadedRange(T0, T0.AddMinutes(2), "firing")]));

        var create = Assert.Single(JSInterop.Invocations[Create]);
        var options = ParseOptions(create.Arguments[2]);

        Assert.Equal("area", options.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal("datetime", options.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.False(options.GetProperty("xaxis").GetProperty("labels").GetProperty("datetimeUTC").GetBoolean());
        var yAxis = options.GetProperty("yaxis")[0];
        Assert.Equal("errors/s", yAxis.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(0, yAxis.GetProperty("min").GetDouble());
        Assert.False(yAxis.TryGetProperty("max", out _), "unset options are left out, not sent as null");

        var series = Assert.Single(options.GetProperty("series").EnumerateArray().ToList());
        Assert.Equal("errors/s", series.GetProperty("name").GetString());
        var data = series.GetProperty("data");
        Assert.Equal(T0.ToUnixTimeMilliseconds(), data[0].GetProperty("x").GetInt64());
        Assert.Equal(1.5, data[0].GetProperty("y").GetDouble());
        Assert.Equal(JsonValueKind.Null, data[1].GetProperty("y").ValueKind);
        Assert.Equal(JsonValueKind.Null, data[2].GetProperty("y").ValueKind);

        var line = Assert.Single(options.GetProperty("annotations").GetProperty("yaxis").EnumerateArray().ToList());
        Assert.Equal(0.5, line.GetProperty("y").GetDouble());
        Assert.Equal("#f00", line.GetProperty("borderColor").GetString());
        Assert.True(line.GetProperty("strokeDashArray").GetInt32() > 0);
        Assert.Equal("threshold", line.GetProperty("label").GetProperty("text").GetString());

        var range = Assert.Single(options.GetProperty("annotations").GetProperty("xaxis").EnumerateArray().ToList());
        Assert.Equal(T0.ToUnixTimeMilliseconds(), range.GetProperty("x").GetInt64());
        Assert.Equal(T0.AddMinutes(2).ToUnixTimeMilliseconds(), range.GetProperty("x2").GetInt64());
        Assert.Equal("firing", range.GetProperty("label").GetProperty("text").GetString());
    }

    [Fact]
    public void NewSeries_UpdateTheSeries_WithoutRecreatingTheChart()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Series, Series(1.5)));

        cut.Render(p => p.Add(c => c.Series, Series(2.5)));

        Assert.Single(JSInterop.Invocations[Create]);
        Assert.Empty(JSInterop.Invocations[UpdateOptions]);
        var update = Assert.Single(JSInterop.Invocations[UpdateSeries]);
        var series = JsonDocument.Parse((string)update.Arguments[1]!).RootElement;
        Assert.Equal(2.5, series[0].GetProperty("data")[0].GetProperty("y").GetDouble());
    }

    [Fact]
    public void NewThreshold_UpdatesTheOptions_WithoutRecreatingTheChart()
    {
        var cut = Render<ApexChart>(p => p
            .Add(c => c.Series, Series())
            .Add(c => c.Lines, [new HorizontalLine(1)]));

        cut.Render(p => p.Add(c => c.Lines, [new HorizontalLine(2)]));

        var create = Assert.Single(JSInterop.Invocations[Create]);
        var update = Assert.Single(JSInterop.Invocations[UpdateOptions]);
        Assert.Equal(create.Arguments[0], update.Arguments[0]);
        var options = ParseOptions(update.Arguments[1]);
        Assert.Equal(2, options.GetProperty("annotations").GetProperty("yaxis")[0].GetProperty("y").GetDouble());
        Assert.Equal(JsonValueKind.Array, options.GetProperty("series").ValueKind);
    }

    [Fact]
    public void RemovedThreshold_IsSentAsAnEmptyList_SoTheOldLineDisappears()
    {
        var cut = Render<ApexChart>(p => p
            .Add(c => c.Series, Series())
            .Add(c => c.Lines, [new HorizontalLine(1)]));

        cut.Render(p => p.Add(c => c.Lines, null));

        var options = ParseOptions(Assert.Single(JSInterop.Invocations[UpdateOptions]).Arguments[1]);
        Assert.Empty(options.GetProperty("annotations").GetProperty("yaxis").EnumerateArray());
    }

    [Fact]
    public void RenderWithEqualParameters_SendsNothing()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Series, Series()).Add(c => c.YMax, 10));

        cut.Render(p => p.Add(c => c.Series, Series()).Add(c => c.YMax, 10));

        Assert.Empty(JSInterop.Invocations[UpdateOptions]);
        Assert.Empty(JSInterop.Invocations[UpdateSeries]);
    }

    [Fact]
    public async Task Dispose_DestroysTheChartItCreated()
    {
        Render<ApexChart>(p => p.Add(c => c.Series, Series()));
        var id = JSInterop.Invocations[Create][0].Arguments[0];

        await DisposeComponentsAsync();

        var destroy = Assert.Single(JSInterop.Invocations[Destroy]);
        Assert.Equal(id, destroy.Arguments[0]);
    }

    [Fact]
    public async Task Dispose_AfterTheCircuitIsGone_DoesNotThrow()
    {
        JSInterop.SetupVoid(Destroy).SetException(new JSDisconnectedException("circuit closed"));
        Render<ApexChart>(p => p.Add(c => c.Series, Series()));

        await DisposeComponentsAsync();

        Assert.Single(JSInterop.Invocations[Destroy]);
    }

    [Fact]
    public void NumericSeries_GetANumericAxis_AndLogarithmicScale()
    {
        Render<ApexChart>(p => p
            .Add(c => c.Series, [new NumericSeries("alerts/week", [new NumericPoint(0.5, 12), new NumericPoint(0.9, 1)])])
            .Add(c => c.Logarithmic, true)
            .Add(c => c.Ranges, [new ShadedRange(0.7, 0.8)]));

        var options = ParseOptions(JSInterop.Invocations[Create][0].Arguments[2]);
        Assert.Equal("numeric", options.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.True(options.GetProperty("yaxis")[0].GetProperty("logarithmic").GetBoolean());
        Assert.Equal(0.5, options.GetProperty("series")[0].GetProperty("data")[0].GetProperty("x").GetDouble());
        Assert.Equal(0.7, options.GetProperty("annotations").GetProperty("xaxis")[0].GetProperty("x").GetDouble());
    }

    [Fact]
    public void DarkParameter_SelectsTheDarkTheme()
    {
        Render<ApexChart>(p => p.Add(c => c.Series, Series()).Add(c => c.Dark, true));

        var options = ParseOptions(JSInterop.Invocations[Create][0].Arguments[2]);
        Assert.Equal("dark", options.GetProperty("theme").GetProperty("mode").GetString());
    }

    [Fact]
    public void Element_HasTheDefaultTestId_UnlessTheCallerGivesOne()
    {
        var plain = Render<ApexChart>(p => p.Add(c => c.Series, Series()));
        var named = Render<ApexChart>(p => p.Add(c => c.Series, Series()).AddUnmatched("data-testid", "backtest-chart"));

        Assert.Equal("apex-chart", plain.Find("div").GetAttribute("data-testid"));
        Assert.Equal("backtest-chart", named.Find("div").GetAttribute("data-testid"));
    }

    private static JsonElement ParseOptions(object? json) => JsonDocument.Parse(Assert.IsType<string>(json)).RootElement;
}
