using Microsoft.EntityFrameworkCore;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Runbooks;

/// <summary>Table mapping of runbooks: snake_case names, an xmin version, a generated search vector with its GIN index.</summary>
internal static class RunbookModel
{
    /// <summary>The text search configuration of the search vector and of every query against it (decision 0027).</summary>
    public const string SearchConfig = "english";

    /// <summary>
    /// Title over tags over body. The tags go through runbook_tags_text (created by the migration): array_to_string
    /// is only STABLE, and a generated column takes IMMUTABLE functions alone.
    /// </summary>
    public const string SearchVectorSql =
        "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || " +
        "setweight(to_tsvector('english'::regconfig, runbook_tags_text(tags)), 'B') || " +
        "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')";

    /// <summary>
    /// The title alone, stored: a search checks every match's title (a title match outranks any body), and making that
    /// vector per row at query time cost ~45 ms over 10,000 matches.
    /// </summary>
    public const string TitleVectorSql = "to_tsvector('english'::regconfig, coalesce(title, ''))";

    public static void Configure(ModelBuilder model)
    {
        model.Entity<RunbookRow>(runbook =>
        {
            runbook.ToTable("runbooks");
            runbook.HasKey(r => r.Id);
            runbook.Property(r => r.Slug).HasMaxLength(RunbookSlug.MaxLength);
            // Unique among the runbooks not deleted: a deleted runbook's slug may be used again at once.
            runbook.HasIndex(r => r.Slug).IsUnique().HasFilter("deleted_at IS NULL");
            runbook.Property(r => r.Title).HasMaxLength(RunbookLimits.MaxTitle);
            runbook.Property(r => r.Team).HasMaxLength(63);
            runbook.HasOne<TeamRow>().WithMany().HasForeignKey(r => r.Team).OnDelete(DeleteBehavior.Restrict);
            runbook.Property(r => r.LastReviewedBy).HasMaxLength(200);
            runbook.Property(r => r.UpdatedBy).HasMaxLength(200);
            runbook.Property(r => r.DeletedBy).HasMaxLength(200);
            runbook.Property(r => r.Version).IsRowVersion();
            runbook.Property<NpgsqlTypes.NpgsqlTsVector>("SearchVector")
                .HasColumnName("search_vector")
                .HasComputedColumnSql(SearchVectorSql, stored: true);
            runbook.HasIndex("SearchVector").HasMethod("gin").HasDatabaseName("ix_runbooks_search_vector");
            runbook.Property<NpgsqlTypes.NpgsqlTsVector>("TitleVector")
                .HasColumnName("title_vector")
                .HasComputedColumnSql(TitleVectorSql, stored: true);
            runbook.HasIndex(r => r.Tags).HasMethod("gin").HasDatabaseName("ix_runbooks_tags");
        });

        model.Entity<RunbookRevisionRow>(revision =>
        {
            revision.ToTable("runbook_revisions");
            revision.HasKey(r => r.Id);
            revision.Property(r => r.Id).UseIdentityAlwaysColumn();
            revision.HasIndex(r => new { r.RunbookId, r.Number }).IsUnique();
            revision.HasOne<RunbookRow>().WithMany().HasForeignKey(r => r.RunbookId).OnDelete(DeleteBehavior.Restrict);
            revision.Property(r => r.By).HasMaxLength(200);
            revision.Property(r => r.Reason).HasMaxLength(RunbookLimits.MaxReason);
            revision.Property(r => r.Slug).HasMaxLength(RunbookSlug.MaxLength);
            revision.Property(r => r.Title).HasMaxLength(RunbookLimits.MaxTitle);
            revision.Property(r => r.Team).HasMaxLength(63);
        });

        model.Entity<RunbookRedirectRow>(redirect =>
        {
            redirect.ToTable("runbook_redirects");
            redirect.HasKey(r => r.Slug);
            redirect.Property(r => r.Slug).HasMaxLength(RunbookSlug.MaxLength);
            redirect.HasIndex(r => r.RunbookId);
            redirect.HasOne<RunbookRow>().WithMany().HasForeignKey(r => r.RunbookId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<RunbookTemplateRow>(template =>
        {
            template.ToTable("runbook_templates");
            template.HasKey(t => t.Name);
            template.Property(t => t.Name).HasMaxLength(RunbookSlug.MaxLength);
            template.Property(t => t.Description).HasMaxLength(MaxTemplateDescription);
            template.Property(t => t.UpdatedBy).HasMaxLength(200);
        });

        // A rule's link to its runbook; deleting the runbook row (never done by the portal, which keeps rows) unlinks.
        model.Entity<RuleRow>().HasOne<RunbookRow>().WithMany().HasForeignKey(r => r.RunbookId).OnDelete(DeleteBehavior.SetNull);
        model.Entity<RuleRow>().HasIndex(r => r.RunbookId);

        CatalogModel.SnakeCaseColumns(model, typeof(RunbookRow), typeof(RunbookRevisionRow), typeof(RunbookRedirectRow), typeof(RunbookTemplateRow));
        model.Entity<RuleRow>().Property(r => r.RunbookId).HasColumnName("runbook_id");
    }

    public const int MaxTemplateDescription = 500;
}
