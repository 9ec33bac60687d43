using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Runbooks;

namespace Portal.Infrastructure.Persistence;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring every replica shares (Cluster/ReplicaKeys).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal DbSet<Cluster.ReplicaRow> Replicas => Set<Cluster.ReplicaRow>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    internal DbSet<NamespaceRow> Namespaces => Set<NamespaceRow>();

    internal DbSet<GroupRow> Groups => Set<GroupRow>();

    internal DbSet<RuleRow> Rules => Set<RuleRow>();

    internal DbSet<RuleVersionRow> RuleVersions => Set<RuleVersionRow>();

    internal DbSet<ThresholdChangeRow> ThresholdChanges => Set<ThresholdChangeRow>();

    internal DbSet<Publishing.ReleaseRow> Releases => Set<Publishing.ReleaseRow>();

    internal DbSet<Publishing.ReleaseFileRow> ReleaseFiles => Set<Publishing.ReleaseFileRow>();

    internal DbSet<Publishing.ReleaseTargetRow> ReleaseTargets => Set<Publishing.ReleaseTargetRow>();

    internal DbSet<Publishing.TargetFileRow> TargetFiles => Set<Publishing.TargetFileRow>();

    internal DbSet<Publishing.PublishTargetRow> PublishTargets => Set<Publishing.PublishTargetRow>();

    internal DbSet<Reviews.ReviewRow> NamespaceReviews => Set<Reviews.ReviewRow>();

    internal DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    internal DbSet<TeamRow> Teams => Set<TeamRow>();

    internal DbSet<RunbookRow> Runbooks => Set<RunbookRow>();

    internal DbSet<RunbookRevisionRow> RunbookRevisions => Set<RunbookRevisionRow>();

    internal DbSet<RunbookRedirectRow> RunbookRedirects => Set<RunbookRedirectRow>();

    internal DbSet<RunbookTemplateRow> RunbookTemplates => Set<RunbookTemplateRow>();

    internal DbSet<Capacity.CapacityModelEntity> CapacityModels => Set<Capacity.CapacityModelEntity>();

    internal DbSet<Capacity.MemoryBudgetEntity> MemoryBudgets => Set<Capacity.MemoryBudgetEntity>();

    internal DbSet<Capacity.ServiceBaselineEntity> ServiceBaselines => Set<Capacity.ServiceBaselineEntity>();

    internal DbSet<Incidents.IncidentRow> Incidents => Set<Incidents.IncidentRow>();

    internal DbSet<Incidents.IncidentRevisionRow> IncidentRevisions => Set<Incidents.IncidentRevisionRow>();

    internal DbSet<Incidents.TimelineEntryRow> IncidentTimeline => Set<Incidents.TimelineEntryRow>();

    internal DbSet<Incidents.DismissedAlertRow> IncidentDismissedAlerts => Set<Incidents.DismissedAlertRow>();

    internal DbSet<Incidents.ActionItemRow> IncidentActions => Set<Incidents.ActionItemRow>();

    internal DbSet<Incidents.SeverityLevelRow> SeverityLevels => Set<Incidents.SeverityLevelRow>();

    internal DbSet<Incidents.IncidentTemplateRow> IncidentTemplates => Set<Incidents.IncidentTemplateRow>();

    // Groups and rules of a deleted namespace are meant to vanish with it through the required navigation
    // (CatalogModel's query filter): what EF warns of here is the intent, not a mistake.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Identity's tables under plain names, like the rest of the schema.
        modelBuilder.Entity<PortalUser>().ToTable("users");
        modelBuilder.Entity<IdentityRole>().ToTable("roles");
        modelBuilder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        modelBuilder.Entity<ApiTokenRow>(token =>
        {
            token.ToTable("api_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.Hash).HasMaxLength(64);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TeamRow>(team =>
        {
            team.ToTable("teams");
            team.HasKey(t => t.Name);
            team.Property(t => t.Name).HasMaxLength(63);
            team.Property(t => t.Description).HasMaxLength(Identity.Teams.DescriptionLength);
            team.Property(t => t.CreatedBy).HasMaxLength(Identity.Teams.CreatedByLength);
        });
        CatalogModel.SnakeCaseColumns(modelBuilder, typeof(ApiTokenRow), typeof(TeamRow));
        UserSessions.Configure(modelBuilder);
        CatalogModel.Configure(modelBuilder);
        Publishing.PublishingModel.Configure(modelBuilder);
        Reviews.ReviewModel.Configure(modelBuilder);
        Portal.Infrastructure.Runbooks.RunbookModel.Configure(modelBuilder);
        Capacity.CapacityModel.Configure(modelBuilder);
        Portal.Infrastructure.Incidents.IncidentModel.Configure(modelBuilder);
        Cluster.ReplicaModel.Configure(modelBuilder);
        modelBuilder.Entity<AuditEvent>(audit =>
        {
            audit.ToTable("audit_events");
            audit.HasKey(e => e.Id);
            audit.Property(e => e.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            audit.Property(e => e.At).HasColumnName("at");
            audit.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(AuditEvent.ActorLength);
            audit.Property(e => e.Action).HasColumnName("action").HasMaxLength(AuditEvent.ActionLength);
            audit.Property(e => e.Subject).HasColumnName("subject").HasMaxLength(AuditEvent.SubjectLength);
            audit.Property(e => e.Detail).HasColumnName("detail").HasColumnType("jsonb");
            audit.Property(e => e.Source).HasColumnName("source").HasMaxLength(AuditEvent.SourceLength);
            audit.Property(e => e.ClientAddress).HasColumnName("client_address").HasMaxLength(AuditEvent.ClientAddressLength);
            audit.HasIndex(e => e.At);
        });
    }
}
