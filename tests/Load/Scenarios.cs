using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Portal.Load;

/// <summary>The circuit scenarios: idle memory and release, active round-trips, and the soak.</summary>
public static class Scenarios
{
    /// <summary>
    /// A word typed into the rules search and the box left (blur): the search box waits 300 ms after the last
    /// keystroke before it searches, unless the user leaves it, so this measures the search, not the debounce.
    /// </summary>
    public static readonly EventTarget RulesSearch = new("filter-text", "input", "input", "blur") { AnswerTestId = "rules-grid" };

    /// <summary>A new value in the tuning threshold field, which re-runs the backtest on every input.</summary>
    public static readonly EventTarget TuningThreshold = new("tuning-threshold", "input", "input") { AnswerTestId = "tuning-summary" };

    private static readonly string[] SearchWords = ["cpu", "memory", "disk", "latency", "error", "http", "node", "queue", "5xx", "up", "kafka", ""];

    public static async Task<int> IdleAsync(LoadSettings settings, int count, CancellationToken ct)
    {
        using var session = await SignInAsync(settings, ct);
        var probe = Probe(settings, session);
        // Warm-up: the first circuits pay for JIT and caches that later ones share; they are not what is measured.
        await CloseAllAsync(await OpenManyAsync([session], settings, settings.Page, 3, [], ct));
        var baseline = await probe.SampleAsync(settle: true, ct);
        Say($"baseline: {baseline}");

        var started = Stopwatch.GetTimestamp();
        var circuits = await OpenManyAsync([session], settings, settings.Page, count, [], ct);
        Say($"opened {circuits.Count} of {count} circuits on {settings.Page} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        var loaded = await probe.SampleAsync(settle: true, ct);
        Say($"with {circuits.Count} idle circuits: {loaded}");
        if (circuits.Count > 0)
        {
            Say($"per idle circuit: managed heap {PerCircuit(loaded.ManagedHeap, baseline.ManagedHeap, circuits.Count)}, " +
                $"working set {PerCircuit(loaded.WorkingSet, baseline.WorkingSet, circuits.Count)}, RSS {PerCircuit(loaded.ProcRss, baseline.ProcRss, circuits.Count)}");
        }

        await CloseAllAsync(circuits);
        Say($"closed them; waiting {settings.Retention.TotalSeconds:F0} s (the disconnected-circuit retention period and a margin)");
        var until = DateTimeOffset.UtcNow + settings.Retention;
        while (DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, Math.Max(1, (until - DateTimeOffset.UtcNow).TotalSeconds))), ct);
            Say($"  {await probe.SampleAsync(settle: false, ct)}");
        }

        var released = await probe.SampleAsync(settle: true, ct);
        Say($"after retention: {released}");
        Say($"returned: managed heap {Returned(baseline.ManagedHeap, loaded.ManagedHeap, released.ManagedHeap)}, " +
            $"working set {Returned(baseline.WorkingSet, loaded.WorkingSet, released.WorkingSet)}");
        return 0;
    }

    /// <summary>One circuit, every batch's elements that listen for events or carry a test id, then one search: what the harness sees.</summary>
    public static async Task<int> TraceAsync(LoadSettings settings, CancellationToken ct)
    {
        using var session = await SignInAsync(settings, ct);
        BlazorCircuit.Observer = (_, batch) =>
        {
            Say($"batch: {batch.Frames.Count} frames, components [{string.Join(",", batch.UpdatedComponentIds)}], disposed handlers [{string.Join(",", batch.DisposedEventHandlerIds)}]");
            foreach (var element in batch.Elements())
            {
                var handlers = element.Attributes.Where(a => a.EventHandlerId != 0).Select(a => $"{a.Name}={a.EventHandlerId}").ToList();
                if (handlers.Count > 0 || element.Attribute("data-testid") is not null)
                {
                    Say($"  <{element.Frame.Name} data-testid={element.Attribute("data-testid")}> component {element.ComponentId} {string.Join(" ", handlers)}");
                }
            }
        };
        var (page, target, value) = settings.TuningPage is { } tuning ? (tuning, TuningThreshold, "75") : (settings.Page, RulesSearch, "cpu");
        var circuit = await BlazorCircuit.OpenAsync(session, page, [target], ct);
        Say($"circuit {circuit.CircuitId?[..8]}... open on {page}; dispatching {target}");
        Say($"round-trip {await circuit.DispatchAsync(target, value, ct):F1} ms");
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Say($"again: round-trip {await circuit.DispatchAsync(target, value == "cpu" ? "memory" : "80", ct):F1} ms; handler ids found again: {circuit.Relocations}");
        await circuit.DisposeAsync();
        return 0;
    }

    public static async Task<int> ActiveAsync(LoadSettings settings, int open, int active, CancellationToken ct)
    {
        using var session = await SignInAsync(settings, ct);
        var probe = Probe(settings, session);
        var browsers = await BrowsersAsync(session, settings, ct);
        using var forks = new Forks(browsers, session);
        var (circuits, targets) = await OpenMixAsync(browsers, settings, open, active, ct);
        Say($"{circuits.Count} circuits open, {targets.Count} typing for {settings.Duration.TotalSeconds:F0} s, think time {settings.Think.TotalMilliseconds:F0} ms");
        var before = await probe.SampleAsync(settle: false, ct);
        var (latencies, failures, relocations) = await TypeAsync(circuits, targets, settings.Think, settings.Duration, ct);
        var after = await probe.SampleAsync(settle: false, ct);
        Report(latencies, failures, settings.Duration);
        Say($"handler ids found again after re-renders: {relocations}");
        Say($"server before: {before}");
        Say($"server after:  {after}");
        await CloseAllAsync(circuits);
        return 0;
    }

    public static async Task<int> SoakAsync(LoadSettings settings, int open, int minutes, CancellationToken ct)
    {
        using var session = await SignInAsync(settings, ct);
        var probe = Probe(settings, session);
        var active = Math.Max(1, open / 10);
        var browsers = await BrowsersAsync(session, settings, ct);
        using var forks = new Forks(browsers, session);
        var (circuits, targets) = await OpenMixAsync(browsers, settings, open, active, ct);
        Say($"soak: {circuits.Count} circuits, {targets.Count} typing (think {settings.Think.TotalMilliseconds:F0} ms), {minutes} min, a settled sample every minute");
        var samples = new List<ServerSample> { await probe.SampleAsync(settle: true, ct) };
        Say($"  0 min: {samples[0]}");
        var all = new ConcurrentBag<double>();
        var failures = 0;
        for (var minute = 1; minute <= minutes; minute++)
        {
            var (latencies, failed, _) = await TypeAsync(circuits, targets, settings.Think, TimeSpan.FromMinutes(1), ct);
            foreach (var l in latencies)
            {
                all.Add(l);
            }

            failures += failed;
            samples.Add(await probe.SampleAsync(settle: true, ct));
            Say($"  {minute} min: {samples[^1]}; round-trip {LatencySummary.Of(latencies)}");
        }

        Report(all, failures, TimeSpan.FromMinutes(minutes));
        var first = samples[Math.Min(1, samples.Count - 1)];
        var last = samples[^1];
        Say($"growth from minute {(samples.Count > 1 ? 1 : 0)} to {minutes}: managed heap {Delta(first.ManagedHeap, last.ManagedHeap)}, " +
            $"working set {Delta(first.WorkingSet, last.WorkingSet)}, handles {Delta(first.Handles, last.Handles, bytes: false)}");
        await CloseAllAsync(circuits);
        return 0;
    }

    private static async Task<(List<BlazorCircuit> Circuits, List<(BlazorCircuit Circuit, EventTarget Target)> Targets)> OpenMixAsync(
        IReadOnlyList<PortalSession> browsers, LoadSettings settings, int open, int active, CancellationToken ct)
    {
        active = Math.Min(active, open);
        // Active circuits first (on the rules page, or half of them on the tuning page when one is given), then idle ones.
        var tuning = settings.TuningPage is null ? 0 : active / 2;
        var searching = await OpenManyAsync(browsers, settings, settings.Page, active - tuning, [RulesSearch], ct);
        var tuners = tuning > 0 ? await OpenManyAsync(browsers, settings, settings.TuningPage!, tuning, [TuningThreshold], ct) : [];
        var idle = await OpenManyAsync(browsers, settings, settings.Page, open - active, [], ct);
        var targets = searching.Select(c => (c, RulesSearch)).Concat(tuners.Select(c => (c, TuningThreshold))).ToList();
        return ([.. searching, .. tuners, .. idle], targets);
    }

    /// <summary>Each target types in a loop with a randomised think time; returns every round-trip and the events that got no answer.</summary>
    private static async Task<(List<double> Latencies, int Failures, int Relocations)> TypeAsync(
        IReadOnlyList<BlazorCircuit> circuits, List<(BlazorCircuit Circuit, EventTarget Target)> targets,
        TimeSpan think, TimeSpan duration, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var end = DateTimeOffset.UtcNow + duration;
        var relocationsBefore = circuits.Sum(c => c.Relocations);
        await Task.WhenAll(targets.Select(async (t, index) =>
        {
            var random = new Random(index);
            // Spread the first events over one think time so the typists do not move in lockstep.
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * think.TotalMilliseconds), ct);
            var i = 0;
            while (DateTimeOffset.UtcNow < end && !ct.IsCancellationRequested)
            {
                var value = t.Target == TuningThreshold
                    ? (50 + random.Next(0, 50)).ToString(CultureInfo.InvariantCulture)
                    : SearchWords[(index + i++) % SearchWords.Length];
                try
                {
                    latencies.Add(await t.Circuit.DispatchAsync(t.Target, value, ct));
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException or Microsoft.AspNetCore.SignalR.HubException)
                {
                    Interlocked.Increment(ref failures);
                    if (failures <= 5)
                    {
                        Say($"  event failed on {t.Target.TestId}: {e.Message}");
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(think.TotalMilliseconds * (0.5 + random.NextDouble())), ct);
            }
        }));
        return ([.. latencies], failures, circuits.Sum(c => c.Relocations) - relocationsBefore);
    }

    /// <summary>
    /// The signed-in session and <c>--browsers</c> − 1 more browsers of the same user, each with its own affinity cookie,
    /// so that behind nginx circuits spread over the replicas as real users' do. Says which replica each browser landed on.
    /// </summary>
    private static async Task<IReadOnlyList<PortalSession>> BrowsersAsync(PortalSession session, LoadSettings settings, CancellationToken ct)
    {
        await session.LearnReplicaAsync(ct);
        var browsers = new List<PortalSession> { session };
        for (var i = 1; i < settings.Browsers; i++)
        {
            browsers.Add(await session.ForkAsync(ct));
        }

        if (browsers.Any(b => b.Replica is not null))
        {
            Say("browsers per replica: " + string.Join(", ", browsers.GroupBy(b => b.Replica ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count()}")) + " (circuits are dealt to browsers in turn)");
        }

        return browsers;
    }

    private static async Task<List<BlazorCircuit>> OpenManyAsync(IReadOnlyList<PortalSession> browsers, LoadSettings settings, string path, int count,
        IReadOnlyCollection<EventTarget> targets, CancellationToken ct)
    {
        var opened = new ConcurrentBag<BlazorCircuit>();
        var errors = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.OpenParallel), CancellationToken = ct },
            async (i, token) =>
            {
                try
                {
                    opened.Add(await BlazorCircuit.OpenAsync(browsers[i % browsers.Count], path, targets, token));
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    errors.AddOrUpdate(e.GetType().Name + ": " + e.Message, 1, (_, n) => n + 1);
                }

                if ((i + 1) % 100 == 0)
                {
                    Say($"  {i + 1} of {count} opening");
                }
            });
        foreach (var (error, n) in errors)
        {
            Say($"  {n} circuit(s) failed to open: {error}");
        }

        return [.. opened];
    }

    private static async Task CloseAllAsync(IEnumerable<BlazorCircuit> circuits) =>
        await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));

    private static async Task<PortalSession> SignInAsync(LoadSettings settings, CancellationToken ct)
    {
        var session = await PortalSession.SignInAsync(settings.Url, settings.User, settings.Password, ct);
        Say($"signed in to {settings.Url} as {settings.User}");
        return session;
    }

    private static ServerProbe Probe(LoadSettings settings, PortalSession session)
    {
        var pid = settings.Pid ?? (settings.Url.IsLoopback ? ServerProbe.FindListener(settings.Url.Port) : null);
        Say(pid is { } p ? $"portal process {p}: memory read after induced full GCs" : "portal process not found: memory read from /metrics without forcing a GC");
        return new ServerProbe(session.Http, pid);
    }

    private static void Report(IEnumerable<double> latencies, int failures, TimeSpan duration)
    {
        var summary = LatencySummary.Of(latencies);
        Say($"event round-trip (dispatch → the render batch that answers it): {summary}");
        Say($"events: {summary.Count} answered, {failures} unanswered, {summary.Count / duration.TotalSeconds:F1} per second");
    }

    private static string PerCircuit(double? loaded, double? baseline, int count) =>
        loaded is { } l && baseline is { } b ? string.Create(CultureInfo.InvariantCulture, $"{(l - b) / count / 1024:F0} KB") : "?";

    private static string Returned(double? baseline, double? loaded, double? released) =>
        baseline is { } b && loaded is { } l && released is { } r && l > b
            ? string.Create(CultureInfo.InvariantCulture, $"{(l - r) / (l - b) * 100:F0} % of the growth ({ServerSample.Mb(r - b)} above baseline)")
            : "?";

    private static string Delta(double? first, double? last, bool bytes = true) =>
        first is { } f && last is { } l
            ? bytes ? string.Create(CultureInfo.InvariantCulture, $"{(l - f) / 1048576.0:+0.0;-0.0} MB") : string.Create(CultureInfo.InvariantCulture, $"{l - f:+0;-0;0}")
            : "?";

    internal static void Say(string line) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");

    /// <summary>Disposes the browsers <see cref="BrowsersAsync"/> forked; the signed-in session is its caller's.</summary>
    private sealed class Forks(IReadOnlyList<PortalSession> browsers, PortalSession session) : IDisposable
    {
        public void Dispose()
        {
            foreach (var browser in browsers.Where(b => !ReferenceEquals(b, session)))
            {
                browser.Dispose();
            }
        }
    }
}
