using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Cluster;
using Portal.Infrastructure.Runbooks;

namespace Portal.Tests.Integration.Cluster;

/// <summary>A background service on two "replicas" (two checkers, each with its own lock connections) runs its rounds on one.</summary>
public sealed class LeaderServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestStack.CreateDatabaseAsync("leadsvc");

    public Task DisposeAsync() => TestStack.DropDatabaseAsync(_database);

    private sealed class NoAlerts : IRunbookCoverage
    {
        public Task<IReadOnlyList<AlertRunbookRef>> AlertsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AlertRunbookRef>>([]);
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("no URL to check");
    }

    private RunbookLinkChecker Checker(string replica) =>
        new(new NoAlerts(), new NoHttp(),
            Options.Create(new RunbookLinkOptions { AllowedHosts = ["wiki.example.invalid"], Every = TimeSpan.FromMilliseconds(300), FirstRunAfter = TimeSpan.Zero }),
            Options.Create(new PortalUrlOptions()), TimeProvider.System, NullLogger<RunbookLinkChecker>.Instance,
            LeaderLockTests.Replica(_database, replica), Options.Create(new LeaderOptions { RetryEvery = TimeSpan.FromMilliseconds(300) }));

    private static async Task<DateTimeOffset> RoundAfterAsync(RunbookLinkChecker checker, DateTimeOffset? after)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (checker.LastRound is { } at && (after is null || at > after))
            {
                return at;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no round within " + Patience);
    }

    [Fact]
    public async Task LinkChecker_OnTwoReplicas_ChecksOnOne_AndTheOtherTakesOverWhenItStops()
    {
        using var a = Checker("replica-a");
        using var b = Checker("replica-b");
        await a.StartAsync(default);
        await b.StartAsync(default);

        // Whichever won, it goes on leading: several of its rounds pass while the other does none.
        var deadline = DateTime.UtcNow + Patience;
        while (a.LastRound is null && b.LastRound is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var leader = a.LastRound is not null ? a : b;
        var follower = ReferenceEquals(leader, a) ? b : a;
        var first = await RoundAfterAsync(leader, null);
        var second = await RoundAfterAsync(leader, first);
        await RoundAfterAsync(leader, second);
        Assert.Null(follower.LastRound);

        await leader.StopAsync(default);
        await RoundAfterAsync(follower, null);
        await follower.StopAsync(default);
    }
}
