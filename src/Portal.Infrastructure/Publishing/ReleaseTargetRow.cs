using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Publishing;

internal sealed class ReleaseTargetRow
{
    public long Id { get; set; }
    public long ReleaseNumber { get; set; }
    public string Target { get; set; } = "";
    public TargetOutcome Outcome { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Reload attempts so far while pending, for the retry backoff.</summary>
    public int Attempts { get; set; }
    /// <summary>Per-namespace outcomes (<see cref="NamespaceOutcome"/>), as JSON.</summary>
    public string Namespaces { get; set; } = "[]";
}
