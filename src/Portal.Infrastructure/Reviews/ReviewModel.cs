using Microsoft.EntityFrameworkCore;
using Portal.Domain.Reviews;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Reviews;

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
