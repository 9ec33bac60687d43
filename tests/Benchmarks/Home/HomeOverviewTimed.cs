using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Infrastructure;
using Portal.Infrastructure.Home;

namespace Portal.Benchmarks.Home;

/// <summary>
/// `./portal bench home [runs]`: issue 17's goal, the home page in ≤ 200 ms of server time. Gathers the home page's
/// tiles against the stack `./portal bench` points at (run `./portal bench seed-scale` first for ~2,000 rules in ~230
/// namespaces), with the portal's own services and configuration: cold (a new overview each time, so every tile asks
/// its store or server) and warm (the overview's short cache, which is what a second visitor within seconds gets).
/// </summary>
internal static class HomeOverviewTimed
{
    public const string Command = "home";

    public static async Task<int> RunAsync(string[] options)
    {
        var runs = options is [var text, ..] && int.TryParse(text, out var n) && n > 0 ? n : 30;
        var builder = Host.CreateApplicationBuilder();
        builder.AddPortalInfrastructure();
        using var host = builder.Build();
        var services = host.Services;

        var first = ActivatorUtilities.CreateInstance<HomeOverview>(services);
        var snapshot = await first.GetAsync(default);
        Console.WriteLine($"rules {snapshot.Catalog.Value?.Rules} in {snapshot.Catalog.Value?.Namespaces} namespaces of {snapshot.Catalog.Value?.Teams.Count} teams; " +
                          $"firing {snapshot.Alerts.Value?.Firing}; targets {snapshot.Publishing.Value?.Targets.Count}; capacity models {snapshot.Capacity.Value?.Models}; " +
                          $"runbooks {snapshot.Runbooks.Value?.Runbooks}; unavailable: " +
                          string.Join(", ", new[] { snapshot.Catalog.Unavailable, snapshot.Alerts.Unavailable, snapshot.Publishing.Unavailable, snapshot.Capacity.Unavailable, snapshot.Runbooks.Unavailable }.Where(u => u is not null)));

        await TimeAsync("cold (every tile asked)", runs, () => ActivatorUtilities.CreateInstance<HomeOverview>(services).GetAsync(default));
        await TimeAsync("warm (within the overview's 10 s)", runs, () => first.GetAsync(default));
        return 0;
    }

    private static async Task TimeAsync(string name, int runs, Func<Task<HomeSnapshot>> gather)
    {
        await gather();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await gather();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{name}: median {times[runs / 2]:0.0} ms, p95 {times[Math.Max(0, (int)(runs * 0.95) - 1)]:0.0} ms, " +
                          $"min {times[0]:0.0} ms, max {times[^1]:0.0} ms over {runs} runs");
    }
}
