namespace Portal.Domain.Runbooks;

/// <summary>The address of a runbook as people outside the portal follow it (a page's <c>runbook_url</c>).</summary>
public static class RunbookLinks
{
    /// <summary>
    /// <c>{publicUrl}/runbooks/{slug}</c>; null when the portal's public address is unset or not an absolute http(s)
    /// address, so that no half-made link reaches Prometheus.
    /// </summary>
    public static string? UrlOf(string? publicUrl, string slug) =>
        Uri.TryCreate(publicUrl?.Trim(), UriKind.Absolute, out var root) && root.Scheme is "http" or "https" && RunbookSlug.IsValid(slug)
            ? root.AbsoluteUri.TrimEnd('/') + "/runbooks/" + slug
            : null;
}
