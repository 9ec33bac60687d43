using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Runbooks;

namespace Portal.Infrastructure.Runbooks;

/// <summary>
/// Checks the external <c>runbook_url</c>s of alerting rules in the background: only on hosts configuration allows,
/// with a short timeout, without following redirects (a redirect is an answer), a bounded number per round. The
/// last result per URL is kept for the "Runbook health" view.
/// </summary>
public sealed class RunbookLinkChecker(
    IRunbookCoverage coverage,
    IHttpClientFactory http,
    IOptions<RunbookLinkOptions> options,
    IOptions<PortalUrlOptions> portal,
    TimeProvider clock,
    ILogger<RunbookLinkChecker> logger) : BackgroundService
{
    public const string ClientName = "runbook-links";

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
            using var timer = new PeriodicTimer(settings.Every, clock);
            do
            {
                try
                {
                    await CheckAllAsync(stoppingToken);
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
