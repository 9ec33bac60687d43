using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Publishing;

internal sealed class ReleaseFileRow
{
    public long Id { get; set; }
    public long ReleaseNumber { get; set; }
    public string Namespace { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Content { get; set; } = "";
    public string Checksum { get; set; } = "";
}
