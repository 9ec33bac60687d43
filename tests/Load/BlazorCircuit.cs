using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Load;

/// <summary>
/// Where on a page the harness types: an element carrying a test id, the input element at or inside it, and the
/// events one interaction sends there in order (the value goes with "input" and "change").
/// </summary>
public sealed record EventTarget(string TestId, string ElementName, params string[] Events)
{
    /// <summary>
    /// The test id of the element whose component shows the result (the rules grid): the round-trip ends at the first
    /// batch that re-renders that component. Without one it ends at the last batch before a quiet pause.
    /// </summary>
    public string? AnswerTestId { get; init; }

    public override string ToString() => $"{string.Join("+", Events)} on {TestId}";
}

/// <summary>
/// One Blazor Server circuit driven the way blazor.web.js drives it, without a browser: a WebSocket to /_blazor
/// with the blazorpack protocol, StartCircuit, the root components from the prerendered markers, an
/// acknowledgement for every render batch, a harmless answer to every JS interop call, and browser events
/// dispatched through the web renderer's interop object. Render batches are decoded only to find event handler ids.
/// </summary>
public sealed class BlazorCircuit : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly TaskCompletionSource<long> _rendererAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly Dictionary<(EventTarget Target, string Event), (ulong Handler, int Component)> _handlers = [];
    private readonly HashSet<(EventTarget Target, string Event)> _wanted = [];
    private readonly Dictionary<(EventTarget Target, string Event), int> _lost = [];
    private TaskCompletionSource<bool>? _nextBatch;
    private readonly Dictionary<EventTarget, int> _answerComponents = [];
    private (int Component, TaskCompletionSource<long> Answered)? _awaited;
    private TaskCompletionSource<bool>? _handlersFound;
    private long _callIds;
    private Uri? _location;

    public string? CircuitId { get; private set; }
    public int Batches { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Handler ids the harness had to find again after a render disposed them.</summary>
    public int Relocations { get; private set; }

    /// <summary>Sees every decoded batch (for `load trace`, which shows what the harness can find on a page).</summary>
    public static Action<string?, RenderBatchReader>? Observer { get; set; }

    private BlazorCircuit(HubConnection hub) => _hub = hub;

    /// <summary>Opens a circuit on <paramref name="path"/> and waits until every one of <paramref name="targets"/> has a handler id.</summary>
    public static async Task<BlazorCircuit> OpenAsync(PortalSession session, string path, IReadOnlyCollection<EventTarget> targets, CancellationToken ct)
    {
        var html = await session.GetPageAsync(path, ct);
        var markers = ComponentMarkers.ServerMarkers(html);
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no server component markers: is it still interactive, and are we signed in?");
        }

        var state = ComponentMarkers.ServerState(html);
        // The builder registers SignalR's JSON protocol; the Blazor hub speaks only its own, added below.
        var circuit = new BlazorCircuit(CreateHub(new Uri(session.BaseUri, "_blazor"), session));
        try
        {
            await circuit.StartAsync(session.BaseUri, new Uri(session.BaseUri, path), markers, state, targets, ct);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    private static HubConnection CreateHub(Uri hubUri, PortalSession session)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(hubUri, HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.Cookies = session.Cookies;
            });
        builder.Services.RemoveAll<Microsoft.AspNetCore.SignalR.Protocol.IHubProtocol>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.SignalR.Protocol.IHubProtocol, BlazorPackProtocol>();
        var hub = builder.Build();
        hub.ServerTimeout = TimeSpan.FromSeconds(120);
        hub.HandshakeTimeout = TimeSpan.FromSeconds(60);
        return hub;
    }

    private async Task StartAsync(Uri baseUri, Uri pageUri, IReadOnlyList<JsonObject> markers, string state,
        IReadOnlyCollection<EventTarget> targets, CancellationToken ct)
    {
        foreach (var target in targets)
        {
            foreach (var name in target.Events)
            {
                _wanted.Add((target, name));
            }
        }

        _handlersFound = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_wanted.Count == 0)
        {
            _handlersFound.TrySetResult(true);
        }

        _hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        // asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJsAsync);
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        _hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        _hub.On<string>("JS.Error", error =>
        {
            Error = error;
            _nextBatch?.TrySetException(new InvalidOperationException("The circuit failed: " + error));
            _handlersFound?.TrySetException(new InvalidOperationException("The circuit failed: " + error));
        });

        _location = pageUri;
        await _hub.StartAsync(ct);
        CircuitId = await _hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), pageUri.ToString(), "[]", state, ct)
            ?? throw new InvalidOperationException("StartCircuit returned no circuit id: " + (Error ?? "no error given"));

        // The browser adds root components only once the server has attached its renderer's interop object.
        await _rendererAttached.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        await _hub.SendAsync("UpdateRootComponents", ComponentMarkers.AddOperations(markers), state, ct);
        await _handlersFound.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        // A page renders again as its data arrives; the user starts typing once it has stopped changing.
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        long seen;
        do
        {
            seen = Volatile.Read(ref _lastBatchAt);
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        while (Volatile.Read(ref _lastBatchAt) != seen && Stopwatch.GetTimestamp() < until);
    }

    /// <summary>
    /// Sends one browser event (a "change" with <paramref name="value"/>, as a text box sends on Enter or blur; an
    /// "input" as it sends per keystroke) and returns the milliseconds until the render batch that answers it: the
    /// last of the batches that follow it without a pause of <see cref="Quiet"/> (a component often renders at once,
    /// then again when its query has answered; the user waits for the second).
    /// </summary>
    public async Task<double> DispatchAsync(EventTarget target, string value, CancellationToken ct)
    {
        var handlers = new List<(string Event, ulong Handler, int Component)>();
        TaskCompletionSource<bool> next;
        lock (_gate)
        {
            foreach (var name in target.Events)
            {
                if (!_handlers.TryGetValue((target, name), out var handler))
                {
                    throw new InvalidOperationException($"No handler for {name} on {target.TestId}.");
                }

                handlers.Add((name, handler.Handler, handler.Component));
            }

            next = _nextBatch = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited = target.AnswerTestId is not null && _answerComponents.TryGetValue(target, out var answering)
                ? (answering, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously))
                : null;
        }

        var awaited = _awaited;
        var started = Stopwatch.GetTimestamp();
        foreach (var (name, id, component) in handlers)
        {
            var valued = name is "input" or "change";
            var descriptor = new JsonObject
            {
                ["eventHandlerId"] = id,
                ["eventName"] = name,
                ["eventFieldInfo"] = valued ? new JsonObject { ["componentId"] = component, ["fieldValue"] = value } : null,
            };
            JsonObject eventArgs = valued ? new() { ["value"] = value } : new() { ["type"] = name };
            var args = new JsonArray(descriptor, eventArgs).ToJsonString();
            var callId = Interlocked.Increment(ref _callIds).ToString(CultureInfo.InvariantCulture);
            await _hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", _rendererAttached.Task.Result, args, ct);
        }

        if (awaited is { } answer)
        {
            // The component showing the result may render several times (at once, loading, with the data): the
            // answer is its last render before it has been quiet for AnswerQuiet.
            try
            {
                await answer.Answered.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
                long seenAnswer;
                do
                {
                    seenAnswer = Volatile.Read(ref _lastAnswerAt);
                    await Task.Delay(AnswerQuiet, ct);
                }
                while (Volatile.Read(ref _lastAnswerAt) != seenAnswer);

                return Stopwatch.GetElapsedTime(started, Volatile.Read(ref _lastAnswerAt)).TotalMilliseconds;
            }
            finally
            {
                lock (_gate)
                {
                    _awaited = null;
                }
            }
        }

        await next.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        var settleUntil = started + Stopwatch.Frequency * 10;
        long seen;
        do
        {
            seen = Volatile.Read(ref _lastBatchAt);
            await Task.Delay(Quiet, ct);
        }
        while (Volatile.Read(ref _lastBatchAt) != seen && Stopwatch.GetTimestamp() < settleUntil);

        return Stopwatch.GetElapsedTime(started, Volatile.Read(ref _lastBatchAt)).TotalMilliseconds;
    }

    /// <summary>A pause after which no more batches are counted as part of an event's answer.</summary>
    public static TimeSpan Quiet { get; set; } = TimeSpan.FromMilliseconds(150);

    private long _lastBatchAt;
    private long _lastAnswerAt;

    /// <summary>How long the result's component must stay unchanged before its last render counts as the answer.</summary>
    public static TimeSpan AnswerQuiet { get; set; } = TimeSpan.FromSeconds(1);

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var arrived = Stopwatch.GetTimestamp();
        Volatile.Write(ref _lastBatchAt, arrived);
        Batches++;
        // Acknowledge first: the server holds back further batches while too many are unacknowledged.
        await _hub.SendAsync("OnRenderCompleted", batchId, null);
        try
        {
            var batch = new RenderBatchReader(data);
            Observer?.Invoke(CircuitId, batch);
            Track(batch);
            lock (_gate)
            {
                if (_awaited is { } awaited && batch.UpdatedComponentIds.Contains(awaited.Component))
                {
                    Volatile.Write(ref _lastAnswerAt, arrived);
                    awaited.Answered.TrySetResult(arrived);
                }
            }
        }
        catch (FormatException e)
        {
            Error = "undecodable render batch: " + e.Message;
        }

        _nextBatch?.TrySetResult(true);
    }

    private void Track(RenderBatchReader batch)
    {
        lock (_gate)
        {
            foreach (var target in _wanted.Select(w => w.Target).Where(t => t.AnswerTestId is not null).Distinct())
            {
                if (batch.Elements().FirstOrDefault(e => e.Attribute("data-testid") == target.AnswerTestId) is { ComponentId: >= 0 } shown)
                {
                    _answerComponents[target] = shown.ComponentId;
                }
            }

            foreach (var wanted in _wanted)
            {
                var (target, name) = wanted;
                if (_handlers.TryGetValue(wanted, out var known))
                {
                    if (!batch.DisposedEventHandlerIds.Contains(known.Handler))
                    {
                        continue;
                    }

                    if ((batch.Replacement(known.Component, name) is { } replacement ? (replacement, known.Component) : batch.FindHandler("data-testid", target.TestId, target.ElementName, name)) is { } again)
                    {
                        _handlers[wanted] = again;
                        Relocations++;
                    }
                    else
                    {
                        _handlers.Remove(wanted);
                        _lost[wanted] = known.Component;
                    }
                }
                else if (batch.FindHandler("data-testid", target.TestId, target.ElementName, name) is { } found)
                {
                    _handlers[wanted] = found;
                    _lost.Remove(wanted);
                }
                else if (_lost.TryGetValue(wanted, out var component) && batch.Replacement(component, name) is { } late)
                {
                    // The new id came in a later batch than the disposal of the old one.
                    _handlers[wanted] = (late, component);
                    _lost.Remove(wanted);
                    Relocations++;
                }
            }

            if (_wanted.All(_handlers.ContainsKey))
            {
                _handlersFound?.TrySetResult(true);
            }
        }
    }

    private async Task OnBeginInvokeJsAsync(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        if (identifier == "Blazor._internal.attachWebRendererInterop")
        {
            // [rendererId, {"__dotNetObject": id}, ...]: the object events are dispatched to.
            using var args = JsonDocument.Parse(argsJson);
            _rendererAttached.TrySetResult(args.RootElement[1].GetProperty("__dotNetObject").GetInt64());
        }

        string? navigatedTo = null;
        if (identifier.EndsWith("navigationManager.navigateTo", StringComparison.Ordinal))
        {
            // [uri, {forceLoad, replaceHistoryEntry, historyEntryState}]: the page moved its own URL (filters live in the
            // query string). A browser updates history and tells the circuit, whose router then renders the new state.
            using var args = JsonDocument.Parse(argsJson);
            if (args.RootElement[0].GetString() is { } uri && _location is { } current)
            {
                navigatedTo = new Uri(current, uri).ToString();
                _location = new Uri(navigatedTo);
            }
        }

        if (asyncHandle != 0)
        {
            // A browser would run the function; here every call succeeds with no value, which the portal's and
            // MudBlazor's calls tolerate (observers, focus, scroll), so the page goes on rendering.
            var result = string.Create(CultureInfo.InvariantCulture, $"[{asyncHandle},true,null]");
            await _hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, result);
        }

        if (navigatedTo is not null)
        {
            await _hub.SendAsync("OnLocationChanged", navigatedTo, null, false);
        }
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
