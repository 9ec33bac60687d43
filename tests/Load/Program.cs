using Portal.Load;

// ./portal load idle N [url] | active N M [url] | soak N MINUTES [url] | health RATE SECONDS [url]
// Flags: --user --password --password-file --page --tuning-page --open-parallel --think-ms --duration --retention
//        --connections --browsers --pid. The numbers go to stdout for people; nothing is asserted.
const string Usage = """
    usage: load trace [url]             one circuit: the elements with handlers or test ids in each render batch, one search
           load idle N [url]            N idle circuits on --page (default /rules): memory per circuit, release after retention
           load active N M [url]        N circuits open, M of them typing: event round-trip p50/p95/p99
           load soak N MINUTES [url]    N circuits (a tenth typing) for MINUTES: memory and handles every minute
           load health RATE SECONDS [url]  GET /health at RATE per second with --connections (8): latency and achieved rate
    """;

try
{
    var (settings, positional) = LoadSettings.Parse(args);
    if (positional is ["trace", ..])
    {
        using var traceCts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Scenarios.TraceAsync(WithUrl(settings, positional.ElementAtOrDefault(1)), traceCts.Token);
    }

    if (positional.Count < 2)
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    var command = positional[0];
    int Arg(int i) => LoadSettings.Int(positional[i], 0);
    string? Url(int i) => positional.Count > i ? positional[i] : null;
    settings = command switch
    {
        "idle" => WithUrl(settings, Url(2)),
        _ => WithUrl(settings, Url(3)),
    };

    using var cts = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
    var ct = cts.Token;
    return command switch
    {
        "idle" => await Scenarios.IdleAsync(settings, Arg(1), ct),
        "active" when positional.Count >= 3 => await Scenarios.ActiveAsync(settings, Arg(1), Arg(2), ct),
        "soak" when positional.Count >= 3 => await Scenarios.SoakAsync(settings, Arg(1), Arg(2), ct),
        "health" when positional.Count >= 3 => await HealthScenario.RunAsync(settings, Arg(1), Arg(2), ct),
        _ => Fail(Usage),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("load: " + e.Message);
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("load: stopped");
    return 130;
}

static int Fail(string usage)
{
    Console.Error.WriteLine(usage);
    return 2;
}

static LoadSettings WithUrl(LoadSettings settings, string? url) =>
    url is null ? settings : settings with { Url = new Uri(url.EndsWith('/') ? url : url + "/") };
