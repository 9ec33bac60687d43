namespace Portal.Infrastructure.Runbooks;

/// <summary>The background check of external runbook URLs (section "Runbooks:LinkCheck").</summary>
public sealed class RunbookLinkOptions
{
    public const string Section = "Runbooks:LinkCheck";

    /// <summary>
    /// Hosts the portal may call ("wiki.example.com", or ".example.com" for a domain and its subdomains). Empty, the
    /// default: nothing is checked, so a rule's annotation can never make the portal call an arbitrary address.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Most distinct URLs checked in one round.</summary>
    public int MaxUrls { get; set; } = 500;

    public int Concurrency { get; set; } = 4;
}
