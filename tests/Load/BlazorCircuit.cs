using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Load;

/// <summary>Where on a page the harness types: an element carrying a test id, and the input element and event inside it.</summary>
public sealed record EventTarget(string TestId, string ElementName, string EventName);

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
    private readonly Dictionary<EventTarget, (ulong Handler, int Component)> _handlers = [];
    private readonly HashSet<EventTarget> _wanted = [];
    private TaskCompletionSource<bool>? _nextBatch;
    private TaskCompletionSource<bool>? _handlersFound;
    private long _callIds;

    public string? CircuitId { get; private set; }
    public int Batches { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Handler ids the harness had to find again after a render disposed them.</summary>
    public int Relocations { get; private set; }

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
            _wanted.Add(target);
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

        await _hub.StartAsync(ct);
        CircuitId = await _hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), pageUri.ToString(), "[]", state, ct)
            ?? throw new InvalidOperationException("StartCircuit returned no circuit id: " + (Error ?? "no error given"));

        // The browser adds root components only once the server has attached its renderer's interop object.
        await _rendererAttached.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        await _hub.SendAsync("UpdateRootComponents", ComponentMarkers.AddOperations(markers), state, ct);
        await _handlersFound.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
    }

    /// <summary>
    /// Sends one browser event (a "change" with <paramref name="value"/>, as a text box sends on Enter or blur; an
    /// "input" as it sends per keystroke) and returns the milliseconds until the render batch that answers it.
    /// </summary>
    public async Task<double> DispatchAsync(EventTarget target, string value, CancellationToken ct)
    {
        (ulong Handler, int Component) handler;
        TaskCompletionSource<bool> next;
        lock (_gate)
        {
            if (!_handlers.TryGetValue(target, out handler))
            {
                throw new InvalidOperationException($"No handler for {target.EventName} on {target.TestId}.");
            }

            next = _nextBatch = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var descriptor = new JsonObject
        {
            ["eventHandlerId"] = handler.Handler,
            ["eventName"] = target.EventName,
            ["eventFieldInfo"] = new JsonObject { ["componentId"] = handler.Component, ["fieldValue"] = value },
        };
        var args = new JsonArray(descriptor, new JsonObject { ["value"] = value }).ToJsonString();
        var callId = Interlocked.Increment(ref _callIds).ToString(CultureInfo.InvariantCulture);
        var started = Stopwatch.GetTimestamp();
        await _hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", _rendererAttached.Task.Result, args, ct);
        await next.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        Batches++;
        // Acknowledge first: the server holds back further batches while too many are unacknowledged.
        await _hub.SendAsync("OnRenderCompleted", batchId, null);
        try
        {
            Track(new RenderBatchReader(data));
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
            foreach (var target in _wanted)
            {
                if (_handlers.TryGetValue(target, out var known))
                {
                    if (batch.DisposedEventHandlerIds.Contains(known.Handler))
                    {
                        if (batch.Replacement(known.Component, target.EventName) is { } replacement)
                        {
                            _handlers[target] = (replacement, known.Component);
                            Relocations++;
                        }
                        else if (batch.FindHandler("data-testid", target.TestId, target.ElementName, target.EventName) is { } again)
                        {
                            _handlers[target] = again;
                            Relocations++;
                        }
                        else
                        {
                            _handlers.Remove(target);
                        }
                    }
                }
                else if (batch.FindHandler("data-testid", target.TestId, target.ElementName, target.EventName) is { } found)
                {
                    _handlers[target] = found;
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

        if (asyncHandle != 0)
        {
            // A browser would run the function; here every call succeeds with no value, which the portal's and
            // MudBlazor's calls tolerate (observers, focus, scroll), so the page goes on rendering.
            var result = string.Create(CultureInfo.InvariantCulture, $"[{asyncHandle},true,null]");
            await _hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, result);
        }
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
