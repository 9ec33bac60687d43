using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Domain.Incidents;
using Portal.Domain.Live;
using Portal.Infrastructure;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;
using Portal.Infrastructure.Live;

namespace Portal.Benchmarks.Incidents;

/// <summary>
/// `./portal bench incident-start [runs] [ruleId]`: issue 18's goal, starting an incident from an alert in ≤ 1 s — the
/// evidence over a day (rule facts, the ALERTS timeline over 24 h, the chart snapshot) and the postmortem template
/// rendered with it. Against the stack `./portal bench` points at, with the portal's own services: the rule is the one
/// given, else a firing alert's rule, else the first alert with a threshold in the catalog.
/// </summary>
internal static class IncidentStartTimed
{
    public const string Command = "incident-start";

    public static async Task<int> RunAsync(string[] options)
    {
        var runs = options is [var text, ..] && int.TryParse(text, out var n) && n > 0 ? n : 20;
        var builder = Host.CreateApplicationBuilder();
        builder.AddPortalInfrastructure();
        // Every HTTP call logs at Information; the numbers would drown in it.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        var services = host.Services;

        var (ruleId, labels) = await ChooseAsync(services, options is [_, var id, ..] && Guid.TryParse(id, out var given) ? given : null);
        if (ruleId is null && labels is null)
        {
            Console.Error.WriteLine("No alerting rule with a threshold in the catalog and nothing firing: import some rules first (e.g. the starter pack).");
            return 1;
        }

        var evidence = services.GetRequiredService<IIncidentEvidence>();
        var postmortem = StarterIncidentTemplates.All.Single(t => t.Key == StarterIncidentTemplates.PostmortemKey);
        var first = await evidence.GatherAsync(ruleId, labels, DateTimeOffset.UtcNow.AddHours(-23), default);
        Console.WriteLine($"rule {first.Rule?.AlertName ?? "(none)"}; alert {first.Alert?.Name ?? "(none)"}; timeline entries {first.AlertTimeline.Count}; " +
                          $"chart series {first.Chart?.Series.Count ?? 0} × {first.Chart?.Series.FirstOrDefault()?.Values.Length ?? 0} points; " +
                          $"problems: {(first.Problems.Count == 0 ? "none" : string.Join(" | ", first.Problems))}");

        var times = new List<double>();
        var renderTimes = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var gathered = await evidence.GatherAsync(ruleId, labels, DateTimeOffset.UtcNow.AddHours(-23), default);
            var rendering = Stopwatch.StartNew();
            var body = Placeholders.Render(postmortem.Body, new PlaceholderContext(gathered.Alert, gathered.Rule, gathered.Rule?.RunbookUrl,
                "SEV-2", gathered.AlertTimeline, [], DateTimeOffset.UtcNow));
            renderTimes.Add(rendering.Elapsed.TotalMilliseconds);
            times.Add(clock.Elapsed.TotalMilliseconds);
            GC.KeepAlive(body);
        }

        Report("start (evidence over 24 h + postmortem render)", times);
        Report("of which the render", renderTimes);
        return 0;
    }

    private static async Task<(Guid? RuleId, IReadOnlyDictionary<string, string>? Labels)> ChooseAsync(IServiceProvider services, Guid? given)
    {
        if (given is not null)
        {
            return (given, null);
        }

        var board = await services.GetRequiredService<ILiveAlerts>().AlertsAsync(new AlertFilter(State: LiveState.Firing), default);
        if (board.All.FirstOrDefault(a => a.RuleId is not null) is { } firing)
        {
            return (firing.RuleId, new Dictionary<string, string>(firing.Labels) { ["alertname"] = firing.AlertName });
        }

        var rules = services.GetRequiredService<IRuleStore>();
        var page = await rules.ListAsync(new RuleQuery(), default);
        foreach (var item in page.Items)
        {
            if (await rules.GetAsync(item.Id, default) is { Content.Threshold: not null } rule)
            {
                return (rule.Id, null);
            }
        }

        return (null, null);
    }

    private static void Report(string name, List<double> times)
    {
        times.Sort();
        var runs = times.Count;
        Console.WriteLine($"{name}: median {times[runs / 2]:0.0} ms, p95 {times[Math.Max(0, (int)(runs * 0.95) - 1)]:0.0} ms, " +
                          $"min {times[0]:0.0} ms, max {times[^1]:0.0} ms over {runs} runs");
    }
}
