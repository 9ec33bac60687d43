namespace Portal.Infrastructure.Publishing;

public sealed class PublishingOptions
{
    public const string Section = "Publishing";

    /// <summary>Prometheus servers that load the published files; all of them are published together (an HA pair).</summary>
    public List<PublishTargetOptions> Targets { get; set; } = [];

    /// <summary>The promtool executable that validates files before they are written anywhere.</summary>
    public string Promtool { get; set; } = Environment.GetEnvironmentVariable("PORTAL_PROMTOOL") is { Length: > 0 } path ? path : "promtool";

    /// <summary>How long to wait for Prometheus to show the published rules in /api/v1/rules after a reload.</summary>
    public TimeSpan VerifyTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>First wait before retrying a pending reload; doubles per attempt up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryFirst { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Directories under which targets added in the portal may write (the portal may run as root, and an
    /// Admin's typo must not become /etc). Empty: the configured targets' own rules directories.
    /// </summary>
    public List<string> AllowedRoots { get; set; } = [];
}
