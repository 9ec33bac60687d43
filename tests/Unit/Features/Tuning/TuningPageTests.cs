using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Domain.PromQl;
using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Features.Tuning;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Tuning;
using Portal.Tests.Unit.Features.Rules;

namespace Portal.Tests.Unit.Features.Tuning;

/// <summary>The tuning page on hand-written fakes of its data: what it shows for an == rule and for too little data.</summary>
public class TuningPageTests : BunitTestContext
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    private readonly FakeTargets _targets = new();
    private readonly FakeData _data = new();
    private readonly FakeRuleStore _store = new();

    public TuningPageTests()
    {
        Services.AddSingleton<IRuleStore>(_store);
        Services.AddSingleton(Portal.Tests.Unit.Api.ApiHttp.User("tester"));
        Services.AddSingleton<ITuningTargets>(_targets);
        Services.AddSingleton<ITuningData>(_data);
        Services.AddSingleton(Options.Create(new TuningAdviceOptions()));
        Services.AddSingleton(Options.Create(new Portal.Infrastructure.Prometheus.PrometheusOptions { EvaluationInterval = Step }));
    }

    [Fact]
    public void AnUnsavedExpression_IsTunedFromTheAddress_WithTheHeatmap_AndAClickSetsThresholdAndFor()
    {
        // A sawtooth 0..99 every 100 minutes: every threshold and for has something to count.
        _data.Value = (step, _) => step % 100;

        Services.GetRequiredService<NavigationManager>().NavigateTo("/tuning?expr=" + Uri.EscapeDataString("rate(errors_total[5m]) > 50") + "&for=2m");
        var cut = RenderPage<TuningPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tuning-heatmap]")));
        Assert.Empty(cut.FindAll("[data-testid=tuning-error]"));
        Assert.Equal("rate(errors_total[5m]) > 50", cut.Find("[data-testid=tuning-expr]").GetAttribute("value"));
        Assert.Equal(6, cut.FindAll("[data-testid=heatmap-row]").Count);
        Assert.Single(cut.FindAll(".heatmap-cells > div.current"));
        Assert.Equal("2m", cut.Find(".heatmap-cells > div.current").GetAttribute("data-for"));
        Assert.NotEmpty(cut.FindAll("[data-testid=tuning-save-as-rule]"));

        var firing = cut.FindAll(".heatmap-cells > div[data-for='10m']").Where(c => c.GetAttribute("title")!.Contains("median delay 10 min")).ToList();
        var threshold = firing[firing.Count / 2].GetAttribute("data-threshold")!;
        firing[firing.Count / 2].Click();

        cut.WaitForAssertion(() => Assert.Equal("10m", cut.Find("[data-testid=tuning-for]").GetAttribute("value")));
        Assert.Equal(double.Parse(threshold, CultureInfo.InvariantCulture), double.Parse(cut.Find("[data-testid=tuning-threshold]").GetAttribute("value")!, CultureInfo.InvariantCulture), 3);
        Assert.Equal(threshold, cut.Find(".heatmap-cells > div.current").GetAttribute("data-threshold"));
        Assert.Equal("10m", cut.Find(".heatmap-cells > div.current").GetAttribute("data-for"));
    }

    [Fact]
    public void SaveAsRule_StoresTheTypedExpressionWithTheTunedThresholdAndFor_AndOpensTheEditor()
    {
        _store.AddNamespace("payments", "team-a");
        var group = _store.AddGroup("payments", "api");
        _data.Value = (step, _) => step % 100;
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/tuning?expr=" + Uri.EscapeDataString("rate(errors_total{job=\"api\"}[5m])  >  50") + "&for=2m&threshold=72.5");
        var cut = RenderPage<TuningPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=save-as-rule]")));

        cut.Find("[data-testid=save-as-rule-name] input, input[data-testid=save-as-rule-name]").Change("ApiErrors");
        cut.Find("[data-testid=save-as-rule]").Click();

        cut.WaitForAssertion(() => Assert.Single(_store.Saves));
        var saved = _store.Saves[0];
        Assert.Null(saved.Id);
        Assert.Equal(group, saved.GroupId);
        // The expression as typed (spacing too), only the threshold replaced.
        Assert.Equal("rate(errors_total{job=\"api\"}[5m])  >  72.5", saved.Content.Expression);
        Assert.Equal("2m", saved.Content.For?.ToString());
        Assert.Equal("warning", saved.Content.Severity);
        Assert.StartsWith("http://localhost/rules/", navigation.Uri);
    }

    [Fact]
    public void AnUnsavedEqualityExpression_RendersWithoutError_WithOneHeatmapColumn()
    {
        _data.Value = (step, steps) => step >= steps - 3000 && step < steps - 2990 ? 0 : 1;

        Services.GetRequiredService<NavigationManager>().NavigateTo("/tuning?expr=" + Uri.EscapeDataString("up == 0"));
        var cut = RenderPage<TuningPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tuning-heatmap]")));
        Assert.Empty(cut.FindAll("[data-testid=tuning-error]"));
        Assert.Equal(6, cut.FindAll(".heatmap-cells > div").Count);
        Assert.Contains("median delay 0", cut.Find(".heatmap-cells > div[data-for='0s']").GetAttribute("title"));
    }

    [Fact]
    public void AnUnsavedExpressionTooLong_IsRefusedWithWhereTheLimitFalls_AndTheTextStays()
    {
        var expression = "up > " + new string('1', TuningTarget.MaxExploreLength);

        Services.GetRequiredService<NavigationManager>().NavigateTo("/tuning?expr=" + Uri.EscapeDataString(expression));
        var cut = RenderPage<TuningPage>();

        cut.WaitForAssertion(() => Assert.Contains("line 1, column 2001: the expression is 2,005 characters long",
            cut.Find("[data-testid=tuning-error]").TextContent));
        Assert.Equal(expression, cut.Find("[data-testid=tuning-expr]").GetAttribute("value"));
    }

    [Fact]
    public void AnEqualityRule_RendersWithoutError_AndExplainsWhyThereIsNoSweep()
    {
        // up == 0 over the last 7 d: the target was down for ten minutes once.
        _targets.Target = new TuningTarget("TargetDown", "up", TokenKind.Eql, 0, TimeSpan.Zero, TimeSpan.Zero, Step, "critical", Guid.NewGuid());
        _data.Value = (step, steps) => step >= steps - 3000 && step < steps - 2990 ? 0 : 1;

        var cut = Open(_targets.Target.RuleId!.Value);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tuning-summary]")));
        Assert.Empty(cut.FindAll("[data-testid=tuning-error]"));
        Assert.Equal("1", cut.Find("[data-testid=tuning-episodes]").TextContent.Trim());
        Assert.Contains("no stricter or looser threshold", cut.Find("[data-testid=tuning-sweep-unavailable]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=tuning-sweep]"));
    }

    [Fact]
    public void TwentyMinutesOfData_ShowsTheCoverageWarning_TheStatistics_AndNoSuggestion()
    {
        // The reported case: node_load1 around 3 for the last 20 minutes of a 7-day range, threshold 0.87.
        _targets.Target = new TuningTarget("LoadHigh", "node_load1", TokenKind.Gtr, 0.87, TimeSpan.Zero, TimeSpan.Zero, Step, "warning", Guid.NewGuid());
        _data.Value = (step, steps) => step >= steps - 20 ? 3 + step % 3 * 0.05 : null;

        var cut = Open(_targets.Target.RuleId!.Value);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tuning-summary]")));
        var warning = cut.Find("[data-testid=tuning-coverage-warning]").TextContent;
        Assert.Contains("Data for 20 min of the last 7 d", warning);
        Assert.Contains("too little to advise", warning);
        Assert.NotEmpty(cut.FindAll("[data-testid=tuning-statistics]"));
        var suggestion = cut.Find("[data-testid=tuning-suggestion]").TextContent;
        Assert.Contains("no threshold is suggested: there is data for 20 min of the 7 d asked", suggestion);
        Assert.DoesNotContain("Use ", suggestion);
        // Once in twenty minutes of data is 504 a week, not 1 a week spread over seven days.
        Assert.Equal("504", cut.Find("[data-testid=tuning-alerts-per-week]").TextContent.Trim());
    }

    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Guid rule)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/tuning?rule={rule}");
        return RenderPage<TuningPage>();
    }

    private sealed class FakeTargets : ITuningTargets
    {
        public TuningTarget Target { get; set; } = null!;

        public Task<(TuningTarget? Target, string? Problem)> ForRuleAsync(Guid ruleId, CancellationToken ct) =>
            Task.FromResult<(TuningTarget?, string?)>((Target, null));
    }

    /// <summary>One series whose value at evaluation <c>step</c> of <c>steps</c> is given (null: no sample).</summary>
    private sealed class FakeData : ITuningData
    {
        public Func<int, int, double?> Value { get; set; } = (_, _) => null;

        public Task<TuningSamples> LoadAsync(TuningRequest request, CancellationToken ct)
        {
            var start = DateTimeOffset.FromUnixTimeSeconds(request.Start.ToUnixTimeSeconds());
            var steps = (int)((request.End - start) / request.EvaluationInterval) + 1;
            var end = start + (steps - 1) * request.EvaluationInterval;
            var samples = Enumerable.Range(0, steps)
                .Select(i => (i, v: Value(i, steps)))
                .Where(x => x.v is not null)
                .Select(x => new Sample((start + x.i * request.EvaluationInterval).ToUnixTimeMilliseconds(), x.v!.Value))
                .ToList();
            var series = new BacktestSeries(LabelMap.Of(("instance", "host-0")), samples);
            return Task.FromResult(new TuningSamples(request, new RangePlan(start, end, request.EvaluationInterval), [series], 1));
        }
    }
}
