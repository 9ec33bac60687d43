using Microsoft.EntityFrameworkCore;
using Portal.Domain.Capacity;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Capacity;

/// <summary>Table mapping of capacity models, memory budgets and baselines: snake_case names, xmin versions, owned by a team.</summary>
internal static class CapacityModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<CapacityModelEntity>(e =>
        {
            e.ToTable("capacity_models");
            e.HasKey(r => r.Id);
            Owned(e.Property(r => r.Team), e.Property(r => r.UpdatedBy));
            e.HasOne<TeamRow>().WithMany().HasForeignKey(r => r.Team).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => r.Team);
            e.Property(r => r.Name).HasMaxLength(CapacityValidation.MaxName);
            e.Property(r => r.UsageQuery).HasMaxLength(CapacityValidation.MaxQuery);
            e.Property(r => r.LimitQuery).HasMaxLength(CapacityValidation.MaxQuery);
            e.Property(r => r.Unit).HasMaxLength(CapacityValidation.MaxUnit);
            e.Property(r => r.Marks).HasColumnType("jsonb");
            e.Property(r => r.Description).HasMaxLength(CapacityValidation.MaxDescription);
            e.Property(r => r.RunbookSlug).HasMaxLength(Domain.Runbooks.RunbookSlug.MaxLength);
            e.Property(r => r.Version).IsRowVersion();
            e.ToTable(t => t.HasCheckConstraint("ck_capacity_models_limit", "(limit_value IS NULL) <> (limit_query IS NULL) AND (limit_value IS NULL OR limit_value > 0)"));
        });

        model.Entity<MemoryBudgetEntity>(e =>
        {
            e.ToTable("memory_budgets");
            e.HasKey(r => r.Id);
            Owned(e.Property(r => r.Team), e.Property(r => r.UpdatedBy));
            e.HasOne<TeamRow>().WithMany().HasForeignKey(r => r.Team).OnDelete(DeleteBehavior.Restrict);
            e.Property(r => r.Name).HasMaxLength(CapacityValidation.MaxName);
            e.Property(r => r.TotalQuery).HasMaxLength(CapacityValidation.MaxQuery);
            e.Property(r => r.Components).HasColumnType("jsonb");
            e.Property(r => r.Version).IsRowVersion();
        });

        model.Entity<ServiceBaselineEntity>(e =>
        {
            e.ToTable("service_baselines");
            e.HasKey(r => r.Id);
            Owned(e.Property(r => r.Team), e.Property(r => r.UpdatedBy));
            e.HasOne<TeamRow>().WithMany().HasForeignKey(r => r.Team).OnDelete(DeleteBehavior.Restrict);
            e.Property(r => r.Service).HasMaxLength(CapacityValidation.MaxName);
            e.Property(r => r.LatencyP95Query).HasMaxLength(CapacityValidation.MaxQuery);
            e.Property(r => r.ThroughputQuery).HasMaxLength(CapacityValidation.MaxQuery);
            e.Property(r => r.Version).IsRowVersion();
        });

        CatalogModel.SnakeCaseColumns(model, typeof(CapacityModelEntity), typeof(MemoryBudgetEntity), typeof(ServiceBaselineEntity));
    }

    private static void Owned(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> team, Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> updatedBy)
    {
        team.HasMaxLength(63);
        updatedBy.HasMaxLength(200);
    }
}
