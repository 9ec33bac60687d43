using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Cluster;

/// <summary>One row per replica that has sent a heartbeat: who it is, where it answers, and when it was last heard of.</summary>
internal sealed class ReplicaRow
{
    public required string Name { get; set; }

    public string? Url { get; set; }

    public required string Version { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}

/// <summary>The tables of migration <c>Cluster</c>: the shared data-protection key ring and the replicas' heartbeats.</summary>
internal static class ReplicaModel
{
    public const int NameLength = 200;
    public const int UrlLength = 500;
    public const int VersionLength = 50;

    public static void Configure(ModelBuilder model)
    {
        model.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys");
            key.HasKey(k => k.Id);
        });
        model.Entity<ReplicaRow>(replica =>
        {
            replica.ToTable("replicas");
            replica.HasKey(r => r.Name);
            replica.Property(r => r.Name).HasMaxLength(NameLength);
            replica.Property(r => r.Url).HasMaxLength(UrlLength);
            replica.Property(r => r.Version).HasMaxLength(VersionLength);
            replica.HasIndex(r => r.LastSeen);
        });
        CatalogModel.SnakeCaseColumns(model, typeof(DataProtectionKey), typeof(ReplicaRow));
        // SnakeCaseColumns leaves every property named Version alone (elsewhere it is the xmin concurrency token).
        model.Entity<ReplicaRow>().Property(r => r.Version).HasColumnName("version");
    }
}
