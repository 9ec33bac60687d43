using Portal.Domain.Reviews;

namespace Portal.Infrastructure.Reviews;

/// <summary>One review decision, never changed: an approval or rejection of a namespace's content with that checksum.</summary>
internal sealed class ReviewRow
{
    public long Id { get; set; }
    public Guid NamespaceId { get; set; }
    public ReviewDecision Decision { get; set; }
    public string Checksum { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? Comment { get; set; }

    public ReviewDecisionInfo ToInfo() => new(Id, Decision, Checksum, Actor, At, Comment);
}
