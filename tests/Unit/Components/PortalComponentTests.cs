using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Components.Layout;
using Portal.Components.Shared;
using Portal.Infrastructure.Prometheus;

namespace Portal.Tests.Unit.Components;

public sealed class PortalComponentTests : BunitTestContext
{
    private readonly RecordingLogs _logs = new();

    public PortalComponentTests()
    {
        Services.AddSingleton<ILoggerFactory>(new LoggerFactory([_logs]));
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
    }

    [Fact]
    public void ExpectedFailure_ShowsWhatFailedAndWhy_AndLogsNothingAlarming()
    {
        var cut = Render<Probe>(p => p.Add(c => c.Work, _ =>
            throw new PrometheusException(PrometheusErrorKind.Unavailable, "Prometheus at http://prom:9090 did not answer")));

        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.Equal("The samples could not be loaded: Prometheus at http://prom:9090 did not answer.",
            cut.Find("[data-testid=probe-error]").TextContent));
        Assert.DoesNotContain(_logs.Snapshot(), e => e.Level >= LogLevel.Warning);
        Assert.Equal("idle", cut.Find("[data-testid=probe-busy]").TextContent);
    }

    [Fact]
    public void UnexpectedFailure_ReachesTheBoundary_WhichLogsItWithTheReferenceItShows()
    {
        var bug = new InvalidOperationException("Sequence contains no elements");
        var cut = Render<PortalErrorBoundary>(p => p
            .Add(b => b.ChildContent, (RenderFragment)(b =>
            {
                b.OpenComponent<Probe>(0);
                b.AddAttribute(1, nameof(Probe.Work), (Func<CancellationToken, Task>)(_ => throw bug));
                b.CloseComponent();
            }))
            .Add(b => b.ErrorContent, (RenderFragment<Exception>)(_ => b => b.AddContent(0, "failed"))));

        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.Equal("failed", cut.Markup));
        var reference = cut.Instance.Reference;
        Assert.False(string.IsNullOrWhiteSpace(reference));
        var logged = Assert.Single(_logs.Snapshot(), e => e.Level == LogLevel.Error);
        Assert.Same(bug, logged.Exception);
        Assert.Contains(reference, logged.Message);
        Assert.DoesNotContain(_logs.Snapshot(), e => e.Level < LogLevel.Error && e.Message.Contains("Sequence"));
    }

    [Fact]
    public async Task Leaving_CancelsTheRunningWork_Silently()
    {
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cut = Render<Probe>(p => p.Add(c => c.Work, async ct =>
        {
            started.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct);
        }));
        cut.Find("button").Click();
        var token = await started.Task;
        var probe = cut.Instance;
        cut.WaitForAssertion(() => Assert.Equal("busy", cut.Find("[data-testid=probe-busy]").TextContent));

        await DisposeComponentsAsync();

        Assert.True(token.IsCancellationRequested);
        Assert.Null(probe.Shown);
        Assert.DoesNotContain(_logs.Snapshot(), e => e.Level >= LogLevel.Information);
    }

    [Fact]
    public void Sentence_UsesFixedWordingForTheFrameworksExceptions()
    {
        Assert.Equal("The rules could not be loaded: the server did not answer. Try again in a moment.",
            ExpectedFailure.Sentence("The rules could not be loaded", new HttpRequestException("No such host is known. (prom:9090)")));
        Assert.False(ExpectedFailure.Is(new NullReferenceException()));
        Assert.True(ExpectedFailure.Is(new Portal.Infrastructure.Publishing.PublishingException("promtool could not be run")));
        Assert.False(ExpectedFailure.Is(new InvalidOperationException("Sequence contains no elements")));
    }

    /// <summary>The smallest page: one button that runs <see cref="Work"/>, its error and its busy flag.</summary>
    public sealed class Probe : PortalComponent
    {
        [Parameter]
        public Func<CancellationToken, Task> Work { get; set; } = _ => Task.CompletedTask;

        public string? Shown => Error;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "onclick", EventCallback.Factory.Create(this, () => RunAsync(Work, "The samples could not be loaded")));
            builder.CloseElement();
            builder.OpenElement(2, "p");
            builder.AddAttribute(3, "data-testid", "probe-error");
            builder.AddContent(4, Error);
            builder.CloseElement();
            builder.OpenElement(5, "p");
            builder.AddAttribute(6, "data-testid", "probe-busy");
            builder.AddContent(7, Busy ? "busy" : "idle");
            builder.CloseElement();
        }
    }

    private sealed class RecordingLogs : ILoggerProvider
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        /// <summary>A copy taken under the lock the loggers write under: work cancelled on another thread may still be logging.</summary>
        public List<(LogLevel Level, string Message, Exception? Exception)> Snapshot()
        {
            lock (Entries)
            {
                return [.. Entries];
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(RecordingLogs logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (logs.Entries)
                {
                    logs.Entries.Add((logLevel, formatter(state, exception), exception));
                }
            }
        }
    }
}
