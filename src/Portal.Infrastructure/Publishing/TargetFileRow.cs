using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// What a target verifiably holds for one namespace: the file Prometheus was seen to load, by the release
/// that wrote it. The one source of truth for "live" (decision 0025).
/// </summary>
internal sealed class TargetFileRow
{
    public string Target { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string Team { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Content { get; set; } = "";
    public string Checksum { get; set; } = "";
    public long Release { get; set; }
    public DateTimeOffset VerifiedAt { get; set; }
}
