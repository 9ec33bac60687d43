using System.Globalization;
using System.Text;
using MudBlazor;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Publishing;

namespace Portal.Features.Publishing;

/// <summary>How the Publish and Releases pages write statuses, outcomes, sizes and checksums.</summary>
public static class PublishDisplay
{
    public static string Text(NamespaceStatus status) => NamespaceStatusWords.Of(status);

    public static Color ColorOf(NamespaceStatus status) => status switch
    {
        NamespaceStatus.Changed => Color.Info,
        NamespaceStatus.Added => Color.Success,
        NamespaceStatus.Removed => Color.Warning,
        NamespaceStatus.HeldBack => Color.Error,
        NamespaceStatus.AwaitingReview => Color.Secondary,
        _ => Color.Default,
    };

    public static string Text(RuleChangeKind kind) => kind switch
    {
        RuleChangeKind.Added => "added",
        RuleChangeKind.Removed => "removed",
        _ => "changed",
    };

    public static Color ColorOf(RuleChangeKind kind) => kind switch
    {
        RuleChangeKind.Added => Color.Success,
        RuleChangeKind.Removed => Color.Warning,
        _ => Color.Info,
    };

    public static string Text(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Live => "live",
        TargetOutcome.RolledBack => "rolled back",
        TargetOutcome.PendingReload => "pending reload",
        TargetOutcome.Partial => "partly live",
        _ => "failed",
    };

    public static Color ColorOf(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Live => Color.Success,
        TargetOutcome.RolledBack => Color.Warning,
        TargetOutcome.PendingReload => Color.Info,
        TargetOutcome.Partial => Color.Warning,
        _ => Color.Error,
    };

    public static string Icon(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Live => Icons.Material.Filled.CheckCircle,
        TargetOutcome.RolledBack => Icons.Material.Filled.Undo,
        TargetOutcome.PendingReload => Icons.Material.Filled.HourglassTop,
        TargetOutcome.Partial => Icons.Material.Filled.RemoveDone,
        _ => Icons.Material.Filled.Error,
    };

    /// <summary>The colour of <see cref="ReleaseSummary.Status"/>: live, partial, pending, failed.</summary>
    public static Color StatusColor(string status) => status switch
    {
        "live" => Color.Success,
        "partial" => Color.Warning,
        "pending" => Color.Info,
        _ => Color.Error,
    };

    public static MudBlazor.Severity StatusSeverity(string status) => status switch
    {
        "live" => MudBlazor.Severity.Success,
        "partial" => MudBlazor.Severity.Warning,
        "pending" => MudBlazor.Severity.Info,
        _ => MudBlazor.Severity.Error,
    };

    /// <summary>One sentence for a release that was just made, by its status.</summary>
    public static string Headline(ReleaseSummary release) => release.Status switch
    {
        "live" => $"Release #{release.Number} is live on every target.",
        "partial" => $"Release #{release.Number} is live on some targets only; the others kept or got back their previous files.",
        "pending" => $"Release #{release.Number} is written; Prometheus has not reloaded it everywhere yet (retried by itself).",
        _ => $"Release #{release.Number} failed on every target; each kept or got back its previous files.",
    };

    /// <summary>The first 12 hex digits, as git abbreviates: enough to tell releases apart by eye.</summary>
    public static string ShortChecksum(string checksum) => checksum.Length <= 12 ? checksum : checksum[..12];

    public static string Size(string content)
    {
        var bytes = Encoding.UTF8.GetByteCount(content);
        return bytes < 1024
            ? $"{bytes} B"
            : (bytes / 1024.0).ToString(bytes < 10 * 1024 ? "0.0" : "0", CultureInfo.InvariantCulture) + " KB";
    }

    /// <summary>"1 namespace is", "3 namespaces are": the held-back sentence reads right for any count.</summary>
    public static string HeldBackSentence(int count) => count == 1
        ? "1 namespace is held back; its previously published file stays live."
        : $"{count} namespaces are held back; their previously published files stay live.";
}
