namespace Portal.Infrastructure.Runbooks;

/// <summary>Where people reach this portal (section "Portal"): published <c>runbook_url</c>s start with it.</summary>
public sealed class PortalUrlOptions
{
    public const string Section = "Portal";

    /// <summary>The portal's address as on-call people open it, e.g. https://alerts.example.com; empty: runbook links are not published.</summary>
    public string? PublicUrl { get; set; }
}
