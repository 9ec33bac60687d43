using Microsoft.EntityFrameworkCore;
using Portal.Domain.Reviews;
using Portal.Infrastructure.Catalog;

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

internal static class ReviewModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ReviewRow>(review =>
        {
            review.ToTable("namespace_reviews");
            review.HasKey(r => r.Id);
            review.Property(r => r.Id).UseIdentityAlwaysColumn();
            review.Property(r => r.Decision).HasConversion<string>().HasMaxLength(20);
            review.Property(r => r.Checksum).HasMaxLength(64);
            review.Property(r => r.Actor).HasMaxLength(200);
            review.Property(r => r.Comment).HasMaxLength(ReviewRules.MaxComment);
            // By id, not name: a renamed namespace keeps its reviews. Deleting a namespace drops them; the audit log keeps every decision.
            review.HasOne<NamespaceRow>().WithMany().HasForeignKey(r => r.NamespaceId).OnDelete(DeleteBehavior.Cascade);
            review.HasIndex(r => new { r.NamespaceId, r.Id });
        });
        CatalogModel.SnakeCaseColumns(model, typeof(ReviewRow));
    }
}
