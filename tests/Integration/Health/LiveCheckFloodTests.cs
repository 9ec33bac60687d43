using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Infrastructure.Health;

namespace Portal.Tests.Integration.Health;

/// <summary>
/// <c>/health?live=true</c> is anonymous and runs the checks now: a flood of it must not run the rule comparison once
/// per request. The real portal in process, with its "rules" check replaced by one that counts its runs and holds each
/// until the test lets it finish, so that every request of the flood arrives while the first run is in flight.
/// </summary>
public sealed class LiveCheckFloodTests
{
    private const int Callers = 24;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private sealed class HeldCheck : IHealthCheck
    {
        private int _runs;

        public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs => Volatile.Read(ref _runs);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _runs);
            await Gate.Task.WaitAsync(ct);
            return HealthCheckResult.Healthy("held", new Dictionary<string, object> { ["run"] = Runs });
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "gave up waiting until " + what);
            await Task.Delay(20);
        }
    }

    /// <summary>The portal with <paramref name="check"/> as its "rules" check, which only requests run (not the background run).</summary>
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithHeldRules(PortalFactory basis, HeldCheck check) =>
        basis.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.Configure<HealthCheckServiceOptions>(options =>
            {
                var rules = options.Registrations.Single(r => r.Name == "rules");
                rules.Factory = _ => check;
                rules.Timeout = Patience;
            });
            services.Configure<HealthCheckPublisherOptions>(options => options.Predicate = r => r.Name != "rules");
        }));

    [Fact]
    public async Task ManyConcurrentLiveCalls_RunTheCheckOnce_AndShareItsResult_AndTheNextCallRunsItAgain()
    {
        var check = new HeldCheck();
        await using var basis = PortalFactory.For();
        await using var portal = WithHeldRules(basis, check);
        var shared = portal.Services.GetRequiredService<SharedLiveChecks>();
        using var http = portal.CreateClient();
        var runsBefore = check.Runs;

        var flood = Enumerable.Range(0, Callers).Select(_ => http.GetAsync("/health/rules?live=true")).ToList();
        // Every caller is in: one started the run, the others joined it. Only then does the check finish.
        await WaitUntilAsync(() => check.Runs == runsBefore + 1 && shared.Joined >= Callers - 1, $"{Callers} callers shared one run");
        check.Gate.SetResult();
        var answers = await Task.WhenAll(flood);

        Assert.Equal(runsBefore + 1, check.Runs);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.All(bodies, b => Assert.Contains("\"healthy\"", b, StringComparison.Ordinal));

        // Shared while in flight, never cached after: the next live call runs the check again.
        check.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        check.Gate.SetResult();
        using var next = await http.GetAsync("/health/rules?live=true");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(runsBefore + 2, check.Runs);
    }

    [Fact]
    public async Task ACallerThatGivesUp_DoesNotCancelTheRunOthersShare()
    {
        var check = new HeldCheck();
        await using var basis = PortalFactory.For();
        await using var portal = WithHeldRules(basis, check);
        var shared = portal.Services.GetRequiredService<SharedLiveChecks>();
        using var http = portal.CreateClient();
        var joinedBefore = shared.Joined;

        using var impatient = new CancellationTokenSource();
        var first = http.GetAsync("/health/rules?live=true", impatient.Token);
        await WaitUntilAsync(() => check.Runs == 1, "the first caller started the run");
        var second = http.GetAsync("/health/rules?live=true");
        await WaitUntilAsync(() => shared.Joined == joinedBefore + 1, "the second caller joined");
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        check.Gate.SetResult();

        using var answer = await second;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1, check.Runs);
    }
}
