using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Components.Shared;

/// <summary>
/// The base of pages, panels and dialogs that load or save: a busy flag, a cancellation source cancelled when the
/// user leaves, a logger, and <see cref="RunAsync"/>, which turns expected failures into a sentence and lets every
/// other exception reach the layout's error boundary, which logs it with a reference the user can quote.
/// </summary>
public abstract class PortalComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _leaving = new();
    private ILogger? _log;
    private int _running;

    [Inject]
    public required ILoggerFactory LoggerFactory { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>Cancelled when the component goes away (the user navigates elsewhere or closes the tab).</summary>
    protected CancellationToken Leaving => _leaving.Token;

    /// <summary>True while some <see cref="RunAsync"/> is running: buttons check it against double submits.</summary>
    protected bool Busy => _running > 0;

    /// <summary>The sentence of the last expected failure that was not sent elsewhere; cleared when work starts.</summary>
    protected string? Error { get; set; }

    protected ILogger Log => _log ??= LoggerFactory.CreateLogger(GetType());

    /// <summary>
    /// Calls <paramref name="refresh"/> on the renderer every <paramref name="period"/> until the page is left; a tick
    /// while <paramref name="paused"/> says so (a hidden tab) is skipped.
    /// </summary>
    protected void RefreshPeriodically(TimeSpan period, Func<Task> refresh, Func<bool>? paused = null) =>
        _ = RefreshLoopAsync(period, refresh, paused, Leaving);

    private async Task RefreshLoopAsync(TimeSpan period, Func<Task> refresh, Func<bool>? paused, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (paused?.Invoke() != true)
                {
                    await InvokeAsync(refresh);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> with <see cref="Leaving"/>. An expected failure (<see cref="ExpectedFailure"/>,
    /// or <paramref name="alsoExpected"/> for a service that documents its own) becomes "<paramref name="whatFailed"/>:
    /// why" in <see cref="Error"/>, or goes to <paramref name="show"/>; leaving the page is silent; anything else is
    /// thrown on to the error boundary. True when the work finished. Work in the <paramref name="background"/> (a live
    /// update nobody clicked for) does not make the page <see cref="Busy"/>, so it never swallows the person's next click.
    /// </summary>
    protected async Task<bool> RunAsync(Func<CancellationToken, Task> work, string whatFailed, Action<string>? show = null,
        Func<Exception, bool>? alsoExpected = null, bool background = false)
    {
        if (show is null)
        {
            Error = null;
        }

        var counted = background ? 0 : 1;
        _running += counted;
        try
        {
            await work(Leaving);
            return true;
        }
        catch (OperationCanceledException) when (Leaving.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (ExpectedFailure.Is(e) || alsoExpected?.Invoke(e) == true)
        {
            var sentence = ExpectedFailure.Sentence(whatFailed, e);
            Log.LogInformation("{WhatFailed}: {ExceptionType} {Reason}", whatFailed, e.GetType().Name, e.Message);
            if (show is null)
            {
                Error = sentence;
            }
            else
            {
                show(sentence);
            }

            return false;
        }
        finally
        {
            _running -= counted;
        }
    }

    /// <summary>For <see cref="RunAsync"/>'s <c>show</c>: the sentence as an error snackbar, for actions whose form stays.</summary>
    protected void Toast(string sentence) => Snackbar.Add(sentence, Severity.Error);

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
        Disposing();
        GC.SuppressFinalize(this);
    }

    /// <summary>For a component that holds more than the base's cancellation source.</summary>
    protected virtual void Disposing()
    {
    }
}
