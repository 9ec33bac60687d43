using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Publishing;

internal static class PublishingModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ReleaseRow>(release =>
        {
            release.ToTable("releases");
            release.HasKey(r => r.Number);
            release.Property(r => r.Number).ValueGeneratedNever();
            release.Property(r => r.Actor).HasMaxLength(200);
            release.Property(r => r.Changes).HasColumnType("jsonb");
            release.Property(r => r.RuleVersions).HasColumnType("jsonb");
            release.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.ReleaseNumber).OnDelete(DeleteBehavior.Restrict);
            release.HasMany(r => r.Targets).WithOne().HasForeignKey(t => t.ReleaseNumber).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<ReleaseFileRow>(file =>
        {
            file.ToTable("release_files");
            file.HasKey(f => f.Id);
            file.Property(f => f.Id).UseIdentityAlwaysColumn();
            file.HasIndex(f => new { f.ReleaseNumber, f.FileName }).IsUnique();
        });

        model.Entity<ReleaseTargetRow>(target =>
        {
            target.ToTable("release_targets");
            target.HasKey(t => t.Id);
            target.Property(t => t.Id).UseIdentityAlwaysColumn();
            target.Property(t => t.Target).HasMaxLength(200);
            target.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(20);
            target.Property(t => t.Namespaces).HasColumnType("jsonb");
            target.HasIndex(t => new { t.ReleaseNumber, t.Target }).IsUnique();
            target.HasIndex(t => new { t.Target, t.Outcome });
        });

        model.Entity<TargetFileRow>(file =>
        {
            file.ToTable("target_files");
            file.HasKey(f => new { f.Target, f.Namespace });
            file.Property(f => f.Target).HasMaxLength(63);
            file.Property(f => f.Team).HasMaxLength(200);
        });

        model.Entity<PublishTargetRow>(target =>
        {
            target.ToTable("publish_targets");
            target.HasKey(t => t.Name);
            target.Property(t => t.Name).HasMaxLength(63);
            target.Property(t => t.FilePrefix).HasMaxLength(40);
            target.Property(t => t.CreatedBy).HasMaxLength(200);
        });

        CatalogModel.SnakeCaseColumns(model, typeof(ReleaseRow), typeof(ReleaseFileRow), typeof(ReleaseTargetRow), typeof(TargetFileRow), typeof(PublishTargetRow));
    }
}
