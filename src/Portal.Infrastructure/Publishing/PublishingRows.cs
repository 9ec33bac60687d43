using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Publishing;

/// <summary>A release: never updated once written, except that its per-target outcomes move on (pending → live).</summary>
internal sealed class ReleaseRow
{
    public long Number { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string? Note { get; set; }
    public long? RollbackOf { get; set; }
    public List<string> HeldBack { get; set; } = [];
    /// <summary>The namespaces this release changes; its files hold the whole rule set as it stood after it.</summary>
    public List<string> Scope { get; set; } = [];
    /// <summary>The per-rule diff against what the targets held before it, as JSON.</summary>
    public string Changes { get; set; } = "[]";
    /// <summary>How many entries <see cref="Changes"/> has: lists show it without reading the diff.</summary>
    public int ChangeCount { get; set; }
    /// <summary>Rule id → content version number of every rule the release contains, as JSON.</summary>
    public string RuleVersions { get; set; } = "{}";
    public List<ReleaseFileRow> Files { get; set; } = [];
    public List<ReleaseTargetRow> Targets { get; set; } = [];
}

internal sealed class ReleaseFileRow
{
    public long Id { get; set; }
    public long ReleaseNumber { get; set; }
    public string Namespace { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Content { get; set; } = "";
    public string Checksum { get; set; } = "";
}

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

/// <summary>
/// What a target verifiably holds for one namespace: the file Prometheus was seen to load, by the release
/// that wrote it. The one source of truth for "live" (decision 0025).
/// </summary>
internal sealed class TargetFileRow
{
    public string Target { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string Team { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Content { get; set; } = "";
    public string Checksum { get; set; } = "";
    public long Release { get; set; }
    public DateTimeOffset VerifiedAt { get; set; }
}

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
