using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Infrastructure.Catalog;

/// <summary>Table mapping of the catalog: snake_case names, xmin versions, jsonb labels, search indexes.</summary>
internal static class CatalogModel
{
    private static readonly ValueConverter<Dictionary<string, string>, string> JsonMap = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>());

    private static readonly ValueComparer<Dictionary<string, string>> MapComparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        v => v.Aggregate(0, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value)),
        v => new Dictionary<string, string>(v));

    public static void Configure(ModelBuilder model)
    {
        model.HasPostgresExtension("pg_trgm");

        model.Entity<NamespaceRow>(ns =>
        {
            ns.ToTable("rule_namespaces");
            ns.HasKey(n => n.Id);
            ns.Property(n => n.Name).HasMaxLength(200);
            // Unique among the namespaces not deleted: a deleted namespace's name may be used again at once.
            ns.HasIndex(n => n.Name).IsUnique().HasFilter("deleted_at IS NULL");
            ns.Property(n => n.Team).HasMaxLength(200);
            ns.Property(n => n.ArchivedBy).HasMaxLength(200);
            ns.Property(n => n.DeletedBy).HasMaxLength(200);
            // Deleted namespaces (and, through the required navigations, their groups' and rules' joins) are
            // gone for every query that does not ask for them with IgnoreQueryFilters.
            ns.HasQueryFilter(n => n.DeletedAt == null);
            ns.Property(n => n.Version).IsRowVersion();
        });

        model.Entity<GroupRow>(group =>
        {
            group.ToTable("rule_groups");
            group.HasKey(g => g.Id);
            group.Property(g => g.Name).HasMaxLength(RuleStore.MaxGroupName);
            group.HasIndex(g => new { g.NamespaceId, g.Name }).IsUnique();
            group.HasOne(g => g.Namespace).WithMany(n => n.Groups).HasForeignKey(g => g.NamespaceId).OnDelete(DeleteBehavior.Restrict);
            group.Property(g => g.Version).IsRowVersion();
            group.Ignore(g => g.Interval);
        });

        model.Entity<RuleRow>(rule =>
        {
            rule.ToTable("rules");
            rule.HasKey(r => r.Id);
            rule.HasOne(r => r.Group).WithMany(g => g.Rules).HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
            rule.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            rule.Property(r => r.Name).HasMaxLength(RuleStore.MaxRuleName);
            rule.Property(r => r.DeletedBy).HasMaxLength(200);
            rule.Property(r => r.Expression)
                .HasComputedColumnSql("expr_head || coalesce(threshold_text, '') || expr_tail", stored: true)
                .ValueGeneratedOnAddOrUpdate();
            rule.Property(r => r.Labels).HasColumnType("jsonb").HasConversion(JsonMap, MapComparer);
            rule.Property(r => r.Annotations).HasColumnType("jsonb").HasConversion(JsonMap, MapComparer);
            rule.Property(r => r.Version).IsRowVersion();
            // Written by triggers from the group and namespace rows, never by EF (which reads them back after a save).
            rule.Property(r => r.NamespaceName).HasMaxLength(200).HasDefaultValue("").ValueGeneratedOnAddOrUpdate();
            rule.Property(r => r.GroupPosition).HasDefaultValue(0).ValueGeneratedOnAddOrUpdate();
            rule.Ignore(r => r.ComposedExpression);
            rule.HasIndex(r => new { r.GroupId, r.Position });
            rule.HasIndex(r => r.Severity);
            rule.HasIndex(r => r.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_rules_name_trgm");
            rule.HasIndex(r => r.Expression).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_rules_expression_trgm");
        });

        model.Entity<RuleVersionRow>(version =>
        {
            version.ToTable("rule_versions");
            version.HasKey(v => v.Id);
            version.Property(v => v.Id).UseIdentityAlwaysColumn();
            version.Property(v => v.Snapshot).HasColumnType("jsonb");
            version.HasIndex(v => new { v.RuleId, v.Number }).IsUnique();
            version.HasOne<RuleRow>().WithMany().HasForeignKey(v => v.RuleId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<ThresholdChangeRow>(change =>
        {
            change.ToTable("threshold_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).UseIdentityAlwaysColumn();
            change.HasIndex(c => new { c.RuleId, c.At });
            change.HasOne<RuleRow>().WithMany().HasForeignKey(c => c.RuleId).OnDelete(DeleteBehavior.Restrict);
        });

        SnakeCaseColumns(model, typeof(NamespaceRow), typeof(GroupRow), typeof(RuleRow), typeof(RuleVersionRow), typeof(ThresholdChangeRow));
    }

    /// <summary>PostgreSQL's own convention, so hand-written SQL (the computed column, psql sessions) reads naturally.</summary>
    internal static void SnakeCaseColumns(ModelBuilder model, params Type[] types)
    {
        foreach (var type in types)
        {
            var entity = model.Model.FindEntityType(type)!;
            foreach (var property in entity.GetProperties())
            {
                if (property.Name != nameof(RuleRow.Version))
                {
                    property.SetColumnName(SnakeCase(property.Name));
                }
            }
        }
    }

    internal static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
