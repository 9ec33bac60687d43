using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using Portal.Domain.Lint;
using Portal.Domain.Live;
using Portal.Features.Alerts;

namespace Portal.Benchmarks.Live;

/// <summary>
/// Issue 14's goal: the Alerts page with 2,000 alerts in ≤ 300 ms of server time. The workload is an HA
/// pair that both report the same 2,000 pending and firing series (4,000 to merge) over 400 alerting
/// rules in a catalog of 10,000; measured are the per-target matching done once per snapshot, the
/// board (merge, filter, group, sort) done per request, and the board plus the HTML of every group's
/// table as the server renders it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoring))]
public class AlertsPageBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 14, 0, 0, TimeSpan.Zero);
    private static readonly string[] Severities = ["critical", "warning", "info"];

    private IReadOnlyList<EvaluatedGroup> _groups = [];
    private IReadOnlyList<PublishedFile> _files = [];
    private IReadOnlyList<MatchedRule> _matched = [];
    private IReadOnlyDictionary<PublishedRuleKey, CatalogRule> _catalog = new Dictionary<PublishedRuleKey, CatalogRule>();
    private ServiceProvider _services = null!;
    private HtmlRenderer _renderer = null!;

    /// <summary>
    /// In process (building the out-of-process job takes longer than BenchmarkDotNet's 2 minutes on a shared
    /// 2-core machine), one request per iteration as a page would see it, 20 of them after 3 warm-ups.
    /// </summary>
    private sealed class InProcessMonitoring : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessMonitoring() => AddJob(BenchmarkDotNet.Jobs.Job.Default
            .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Monitoring)
            .WithWarmupCount(3)
            .WithIterationCount(20)
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
    }

    [GlobalSetup]
    public void Setup()
    {
        // 100 namespaces of 10 teams, 10 groups each, 10 rules per group: 10,000 stored rules.
        var stored = new List<CatalogRule>();
        var groups = new List<EvaluatedGroup>();
        var series = 0;
        for (var n = 0; n < 100; n++)
        {
            var ns = $"ns-{n:D3}";
            for (var g = 0; g < 10; g++)
            {
                var rules = new List<EvaluatedRule>();
                for (var r = 0; r < 10; r++)
                {
                    var name = $"Alert{g}x{r}";
                    stored.Add(new CatalogRule(Guid.NewGuid(), ns, $"group-{g}", name, RuleKind.Alerting, $"team-{n % 10}", Severities[r % 3],
                        $"https://runbooks.example/{name}", true));
                    // Every 25th rule is active with five series each: 400 rules, 2,000 series.
                    var active = (n * 100 + g * 10 + r) % 25 == 0;
                    var list = active
                        ? Enumerable.Range(0, 5).Select(i => new LiveSeries(
                            new Dictionary<string, string> { ["alertname"] = name, ["severity"] = Severities[r % 3], ["instance"] = $"host-{series + i}:9100", ["job"] = "node" },
                            new Dictionary<string, string> { ["summary"] = $"host-{series + i} needs attention" },
                            i % 3 == 0 ? LiveState.Pending : LiveState.Firing, Now.AddMinutes(-(series + i) % 300), series + i)).ToList()
                        : [];
                    series += list.Count;
                    rules.Add(new EvaluatedRule(name, RuleKind.Alerting, "x > 1", list.Count > 0 ? LiveState.Firing : LiveState.Inactive, "ok", null, Now, 0.001, list, list.Count));
                }

                groups.Add(new EvaluatedGroup($"group-{g}", $"/rules/{ns}.yml", rules));
            }
        }

        _groups = groups;
        _files = Enumerable.Range(0, 100).Select(n => new PublishedFile($"ns-{n:D3}", $"team-{n % 10}", $"ns-{n:D3}.yml", 42, Now)).ToList();
        _catalog = LiveMatching.Index(stored);
        _matched = LiveMatching.Match("prometheus-a", _groups, _files).Concat(LiveMatching.Match("prometheus-b", _groups, _files)).ToList();

        _services = new ServiceCollection().AddLogging().AddMudServices().AddSingleton<Microsoft.JSInterop.IJSRuntime, NoBrowser>()
            .AddSingleton<NavigationManager, FixedAddress>().BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
        if (Board().All.Count() != 2_000)
        {
            throw new InvalidOperationException($"the workload should hold 2,000 alerts, it holds {Board().All.Count()}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _renderer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _services.Dispose();
    }

    /// <summary>Once per target and snapshot (every 12 s at most): tie 10,000 evaluated rules to the catalog.</summary>
    [Benchmark]
    public int MatchOneTarget() => LiveMatching.Match("prometheus-a", _groups, _files).Count;

    /// <summary>Per request: merge the pair's 4,000 series into 2,000 alerts, group and sort them.</summary>
    [Benchmark]
    public AlertBoard Board() => AlertBoard.Build(_matched, _catalog, new AlertFilter(), [], Now);

    /// <summary>Per request, as the page does it: the board, then every group's table rendered to HTML.</summary>
    [Benchmark]
    public async Task<int> BoardAndRender()
    {
        var board = Board();
        var length = 0;
        foreach (var group in board.Groups)
        {
            length += await _renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await _renderer.RenderComponentAsync<AlertTable>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(AlertTable.Alerts)] = group.Alerts,
                    [nameof(AlertTable.Now)] = Now,
                }));
                return output.ToHtmlString().Length;
            });
        }

        return length;
    }
}

/// <summary>Server-side rendering to HTML calls no script; MudBlazor's services only need one to exist.</summary>
internal sealed class NoBrowser : Microsoft.JSInterop.IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
}

/// <summary>The page's address, for the components that build links from it.</summary>
internal sealed class FixedAddress : NavigationManager
{
    public FixedAddress() => Initialize("http://127.0.0.1:5080/", "http://127.0.0.1:5080/alerts");
}
