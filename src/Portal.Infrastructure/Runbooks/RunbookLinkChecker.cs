using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Cluster;
using StackExchange.Redis;

namespace Portal.Infrastructure.Runbooks;

/// <summary>
/// Checks the external <c>runbook_url</c>s of alerting rules in the background: only on hosts configuration allows,
/// with a short timeout, without following redirects (a redirect is an answer), a bounded number per round. The
/// last result per URL is kept for the "Runbook health" view.
/// With <paramref name="leaders"/>, only the replica leading <see cref="LeaderJobs.RunbookLinks"/> checks (the wiki
/// hosts should not see every replica's round) and shares its results through Redis, from which the other replicas'
/// views are filled. Without it (a lone process, tests) every round runs here.
/// </summary>
public sealed class RunbookLinkChecker(
    IRunbookCoverage coverage,
    IHttpClientFactory http,
    IOptions<RunbookLinkOptions> options,
    IOptions<PortalUrlOptions> portal,
    TimeProvider clock,
    ILogger<RunbookLinkChecker> logger,
    ILeaderLocks? leaders = null,
    IOptions<LeaderOptions>? leadership = null,
    Lazy<IConnectionMultiplexer>? redis = null) : BackgroundService
{
    public const string ClientName = "runbook-links";

    /// <summary>The leader's last round, for the other replicas' views.</summary>
    internal const string SharedKey = "portal:runbook-links";

    private readonly ConcurrentDictionary<string, LinkCheck> _results = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _round = new(1, 1);

    public IReadOnlyDictionary<string, LinkCheck> Results => _results;

    /// <summary>When the last round finished; null before the first.</summary>
    public DateTimeOffset? LastRound { get; private set; }

    public IReadOnlyList<string> AllowedHosts => options.Value.AllowedHosts;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Every <= TimeSpan.Zero || settings.AllowedHosts.Count == 0)
        {
            return;
        }

        try
        {
            await Task.Delay(settings.FirstRunAfter, clock, stoppingToken);
            using var timer = new PeriodicTimer(leaders is null ? settings.Every : LeaderJob.Tick(settings.Every, leadership?.Value ?? new LeaderOptions()), clock);
            await using var leader = leaders is null ? null : new LeaderJob(leaders, LeaderJobs.RunbookLinks, clock, logger);
            do
            {
                try
                {
                    if (leader is null)
                    {
                        await CheckAllAsync(stoppingToken);
                    }
                    else if (!await leader.RunIfLeaderAsync(settings.Every, async ct => { await CheckAllAsync(ct); await ShareAsync(ct); }, stoppingToken) && !leader.Leading)
                    {
                        await ReadSharedAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be away for a moment: the next round tries again.
                    logger.LogWarning(e, "Runbook links were not checked");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round over every checkable URL; returns how many were checked. Rounds do not overlap.</summary>
    public async Task<int> CheckAllAsync(CancellationToken ct)
    {
        await _round.WaitAsync(ct);
        try
        {
            var settings = options.Value;
            var urls = RunbookHealth.UrlsToCheck(await coverage.AlertsAsync(ct), portal.Value.PublicUrl, settings.AllowedHosts, settings.MaxUrls);
            await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Concurrency), CancellationToken = ct },
                async (url, token) => _results[url.OriginalString] = await CheckAsync(url, token));
            LastRound = clock.GetUtcNow();
            return urls.Count;
        }
        finally
        {
            _round.Release();
        }
    }

    private sealed record Shared(DateTimeOffset At, IReadOnlyList<LinkCheck> Results);

    private async Task ShareAsync(CancellationToken ct)
    {
        if (redis is null || LastRound is not { } at)
        {
            return;
        }

        try
        {
            var json = JsonSerializer.Serialize(new Shared(at, _results.Values.ToList()));
            // Kept a little longer than two rounds: a leader that died leaves its last results up until the next one's.
            await redis.Value.GetDatabase().StringSetAsync(SharedKey, json, options.Value.Every * 2 + TimeSpan.FromMinutes(5)).WaitAsync(ct);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Runbook link results not shared with the other replicas: {Reason}", e.Message);
        }
    }

    private async Task ReadSharedAsync(CancellationToken ct)
    {
        if (redis is null)
        {
            return;
        }

        try
        {
            var value = await redis.Value.GetDatabase().StringGetAsync(SharedKey).WaitAsync(ct);
            if (value.IsNullOrEmpty || JsonSerializer.Deserialize<Shared>(value.ToString()) is not { } shared || shared.At == LastRound)
            {
                return;
            }

            _results.Clear();
            foreach (var check in shared.Results)
            {
                _results[check.Url] = check;
            }

            LastRound = shared.At;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            // The view keeps what it had; the next tick asks again.
            logger.LogDebug("Runbook link results of the leading replica not read: {Reason}", e.Message);
        }
    }

    private async Task<LinkCheck> CheckAsync(Uri url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        var client = http.CreateClient(ClientName);
        try
        {
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = head.StatusCode;
            if (status is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
            {
                // Some wikis refuse HEAD: ask for the page, but read only its headers.
                using var get = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = get.StatusCode;
            }

            var code = (int)status;
            return new LinkCheck(url.OriginalString, code < 400, code, code < 400 ? null : $"answered {code} {status}", clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new LinkCheck(url.OriginalString, false, null, $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s", clock.GetUtcNow());
        }
        catch (HttpRequestException e)
        {
            return new LinkCheck(url.OriginalString, false, null, e.HttpRequestError == HttpRequestError.NameResolutionError ? "the host is unknown" : "the connection failed", clock.GetUtcNow());
        }
    }

    public override void Dispose()
    {
        _round.Dispose();
        base.Dispose();
    }
}
