namespace Portal.Domain.Runbooks;

/// <summary>
/// What the "Runbook health" view reports: alerting rules that lead nowhere, runbooks past their review date, and
/// external <c>runbook_url</c>s that did not answer when last checked. Pure: the page and the link checker bring
/// the facts.
/// </summary>
public static class RunbookHealth
{
    public static RunbookHealthReport Assess(
        IReadOnlyList<AlertRunbookRef> alerts,
        IReadOnlyList<RunbookReviewRef> runbooks,
        IReadOnlyDictionary<string, LinkCheck> checks,
        string? publicUrl,
        DateTimeOffset now)
    {
        var slugs = runbooks.Select(r => r.Slug).ToHashSet(StringComparer.Ordinal);
        var without = new List<AlertRunbookRef>();
        var dangling = new List<(AlertRunbookRef Rule, string Slug)>();
        var broken = new List<(AlertRunbookRef Rule, LinkCheck Check)>();
        var notChecked = 0;
        foreach (var alert in alerts)
        {
            if (alert.LinkedSlug is not null)
            {
                continue;
            }

            switch (Classify(alert.RunbookUrl, publicUrl))
            {
                case RunbookUrlKind.None:
                    without.Add(alert);
                    break;
                case RunbookUrlKind.Internal when InternalSlug(alert.RunbookUrl!, publicUrl) is { } slug && !slugs.Contains(slug):
                    dangling.Add((alert, slug));
                    break;
                case RunbookUrlKind.External when checks.TryGetValue(alert.RunbookUrl!, out var check):
                    if (!check.Answered)
                    {
                        broken.Add((alert, check));
                    }

                    break;
                case RunbookUrlKind.External:
                    notChecked++;
                    break;
            }
        }

        var overdue = runbooks.Where(r => r.ReviewDue is { } due && due <= now).OrderBy(r => r.ReviewDue).ToList();
        return new RunbookHealthReport(without, dangling, broken, overdue, notChecked, alerts.Count);
    }

    /// <summary>Whether a <c>runbook_url</c> is missing, points into this portal's runbooks, or somewhere else.</summary>
    public static RunbookUrlKind Classify(string? url, string? publicUrl)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return RunbookUrlKind.None;
        }

        if (InternalSlug(url, publicUrl) is not null)
        {
            return RunbookUrlKind.Internal;
        }

        // A templated URL ({{ $labels.x }}) is only known per alert: it cannot be checked here.
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !url.Contains("{{", StringComparison.Ordinal)
            ? RunbookUrlKind.External
            : RunbookUrlKind.Unknown;
    }

    /// <summary>The slug of a URL into this portal's runbooks (<c>{publicUrl}/runbooks/{slug}</c> or <c>/runbooks/{slug}</c>).</summary>
    public static string? InternalSlug(string url, string? publicUrl)
    {
        var path = url;
        if (publicUrl is { Length: > 0 } && url.StartsWith(publicUrl.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase))
        {
            path = url[publicUrl.TrimEnd('/').Length..];
        }

        const string prefix = "/runbooks/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var slug = path[prefix.Length..].Split('#', '?')[0].TrimEnd('/');
        return slug.Length > 0 && !slug.Contains('/', StringComparison.Ordinal) ? slug : null;
    }

    /// <summary>The external URLs worth checking: distinct, http(s), on an allowed host, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<Uri> UrlsToCheck(IEnumerable<AlertRunbookRef> alerts, string? publicUrl, IReadOnlyCollection<string> allowedHosts, int max)
    {
        var allowed = allowedHosts.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).ToHashSet(StringComparer.Ordinal);
        return alerts
            .Where(a => a.LinkedSlug is null && Classify(a.RunbookUrl, publicUrl) == RunbookUrlKind.External)
            .Select(a => new Uri(a.RunbookUrl!))
            .Where(u => HostAllowed(u.Host, allowed))
            .DistinctBy(u => u.AbsoluteUri, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary>An allowed host matches exactly, or as a parent domain when written with a leading dot (".example.com").</summary>
    public static bool HostAllowed(string host, IReadOnlySet<string> allowed)
    {
        host = host.ToLowerInvariant();
        return allowed.Contains(host) || allowed.Any(a => a.StartsWith('.') && host.EndsWith(a, StringComparison.Ordinal));
    }
}
