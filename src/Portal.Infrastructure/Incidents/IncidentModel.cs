using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Incidents;

/// <summary>
/// Table mapping of incidents, their revisions, timeline and action items, severity levels and templates: snake_case
/// names, an xmin version, a stored search vector over title and writeup with its GIN index (as runbooks, decision 0028).
/// </summary>
internal static class IncidentModel
{
    /// <summary>The text search configuration of the vector and of every query against it, the runbooks' one.</summary>
    public const string SearchConfig = Runbooks.RunbookModel.SearchConfig;

    public const string SearchVectorSql =
        "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || " +
        "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')";

    public static void Configure(ModelBuilder model)
    {
        model.Entity<IncidentRow>(incident =>
        {
            incident.ToTable("incidents");
            incident.HasKey(r => r.Id);
            incident.Property(r => r.Number).UseIdentityAlwaysColumn();
            incident.HasIndex(r => r.Number).IsUnique();
            incident.Property(r => r.Title).HasMaxLength(IncidentBounds.MaxTitle);
            incident.Property(r => r.Status).HasMaxLength(20);
            incident.Property(r => r.Severity).HasMaxLength(IncidentBounds.MaxSeverityName);
            // No foreign key: an incident keeps the team it was started for after the team is gone.
            incident.Property(r => r.Team).HasMaxLength(63);
            incident.Property(r => r.TemplateKey).HasMaxLength(IncidentBounds.MaxTemplateKey);
            incident.Property(r => r.AlertName).HasMaxLength(IncidentBounds.MaxLabelValue);
            incident.Property(r => r.RuleFacts).HasColumnType("jsonb");
            incident.Property(r => r.AlertFacts).HasColumnType("jsonb");
            incident.Property(r => r.Chart).HasColumnType("jsonb");
            incident.Property(r => r.CreatedBy).HasMaxLength(200);
            incident.Property(r => r.UpdatedBy).HasMaxLength(200);
            incident.Property(r => r.Version).IsRowVersion();
            incident.Property<NpgsqlTypes.NpgsqlTsVector>("SearchVector")
                .HasColumnName("search_vector")
                .HasComputedColumnSql(SearchVectorSql, stored: true);
            incident.HasIndex("SearchVector").HasMethod("gin").HasDatabaseName("ix_incidents_search_vector");
            // The list is newest first, alone or under one filter: each filter has its own (filter, started_at) index,
            // read backwards.
            incident.HasIndex(r => new { r.StartedAt, r.Number }).HasDatabaseName("ix_incidents_started_at");
            incident.HasIndex(r => new { r.Status, r.StartedAt }).HasDatabaseName("ix_incidents_status_started_at");
            incident.HasIndex(r => new { r.Severity, r.StartedAt }).HasDatabaseName("ix_incidents_severity_started_at");
            incident.HasIndex(r => new { r.Team, r.StartedAt }).HasDatabaseName("ix_incidents_team_started_at");
        });

        model.Entity<IncidentRevisionRow>(revision =>
        {
            revision.ToTable("incident_revisions");
            revision.HasKey(r => r.Id);
            revision.Property(r => r.Id).UseIdentityAlwaysColumn();
            revision.HasIndex(r => new { r.IncidentId, r.Number }).IsUnique();
            revision.HasOne<IncidentRow>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
            revision.Property(r => r.By).HasMaxLength(200);
            revision.Property(r => r.Reason).HasMaxLength(IncidentBounds.MaxReason);
            revision.Property(r => r.Title).HasMaxLength(IncidentBounds.MaxTitle);
            revision.Property(r => r.Status).HasMaxLength(20);
            revision.Property(r => r.Severity).HasMaxLength(IncidentBounds.MaxSeverityName);
        });

        model.Entity<TimelineEntryRow>(entry =>
        {
            entry.ToTable("incident_timeline");
            entry.HasKey(r => r.Id);
            entry.HasIndex(r => new { r.IncidentId, r.At });
            entry.HasOne<IncidentRow>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
            entry.Property(r => r.Kind).HasMaxLength(20);
            entry.Property(r => r.Text).HasMaxLength(IncidentBounds.MaxTimelineText);
            entry.Property(r => r.By).HasMaxLength(200);
        });

        model.Entity<DismissedAlertRow>(dismissed =>
        {
            dismissed.ToTable("incident_dismissed_alerts");
            dismissed.HasKey(r => r.Id);
            dismissed.HasIndex(r => r.IncidentId);
            dismissed.HasOne<IncidentRow>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
            dismissed.Property(r => r.Kind).HasMaxLength(20);
            dismissed.Property(r => r.Text).HasMaxLength(IncidentBounds.MaxTimelineText);
        });

        model.Entity<ActionItemRow>(action =>
        {
            action.ToTable("incident_actions");
            action.HasKey(r => r.Id);
            action.HasIndex(r => r.IncidentId);
            action.HasOne<IncidentRow>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
            action.Property(r => r.Text).HasMaxLength(IncidentBounds.MaxActionText);
            action.Property(r => r.Owner).HasMaxLength(200);
            action.Property(r => r.Status).HasMaxLength(20);
            action.Property(r => r.Link).HasMaxLength(IncidentBounds.MaxLink);
            action.Property(r => r.UpdatedBy).HasMaxLength(200);
            // The open items across incidents, by due date: only open ones are in the index.
            action.HasIndex(r => new { r.Due, r.CreatedAt }).HasFilter("is_open").HasDatabaseName("ix_incident_actions_open_due");
        });

        model.Entity<SeverityLevelRow>(level =>
        {
            level.ToTable("severity_levels");
            level.HasKey(r => r.Name);
            level.Property(r => r.Name).HasMaxLength(IncidentBounds.MaxSeverityName);
            level.Property(r => r.Description).HasMaxLength(IncidentBounds.MaxDescription);
            level.Property(r => r.UpdatedBy).HasMaxLength(200);
        });

        model.Entity<IncidentTemplateRow>(template =>
        {
            template.ToTable("incident_templates");
            template.HasKey(r => r.Key);
            template.Property(r => r.Key).HasMaxLength(IncidentBounds.MaxTemplateKey);
            template.Property(r => r.Name).HasMaxLength(IncidentBounds.MaxTemplateName);
            template.Property(r => r.Description).HasMaxLength(IncidentBounds.MaxDescription);
            template.Property(r => r.UpdatedBy).HasMaxLength(200);
        });

        CatalogModel.SnakeCaseColumns(model, typeof(IncidentRow), typeof(IncidentRevisionRow), typeof(TimelineEntryRow), typeof(DismissedAlertRow), typeof(ActionItemRow),
            typeof(SeverityLevelRow), typeof(IncidentTemplateRow));
    }
}
