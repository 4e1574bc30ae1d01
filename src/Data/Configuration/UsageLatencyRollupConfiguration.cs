using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Configuration;

/// <summary>
/// Maps <see cref="UsageLatencyRollup"/> to <c>usage_latency_rollups</c>, with one shadow <c>bigint</c>
/// column per latency histogram bucket.
/// </summary>
internal sealed class UsageLatencyRollupConfiguration(bool isSqlite) : IEntityTypeConfiguration<UsageLatencyRollup>
{
    public const string Table = "usage_latency_rollups";

    /// <summary>The path rows, which the URL page of a path reads by key (SQLite).</summary>
    public static readonly string PathFilter = $"kind = {(short)RollupDimension.Path}";

    /// <summary>
    /// The route and path rows, which the URL page of a route or path reads by key (PostgreSQL). Two kinds, because
    /// PostgreSQL drops a query's <c>kind = 2</c> as implied by an index predicate <c>kind = 2</c>, and a b-tree scan without
    /// a condition on its first column reads the whole index (at ten million records, 870 ms for one path's rows).
    /// </summary>
    public static readonly string KeyKindsFilter = UsageRollupConfiguration.KindsFilter(RollupDimension.Route, RollupDimension.Path);

    public void Configure(EntityTypeBuilder<UsageLatencyRollup> e)
    {
        e.ToTable(Table);
        e.HasKey(r => new { r.Period, r.Kind, r.BucketStart, r.App, r.Group, r.Bot, r.Key }).HasName("pk_usage_latency_rollups");

        // The URL page of one path among thousands reads that path's rows only: a partial index of the path rows (written
        // once per wide window), keyed as the usage_rollups one. PostgreSQL's heap is not ordered by the primary key as
        // SQLite's table is, so there the route rows are indexed by key as well.
        var byPath = e.HasIndex(r => new { r.Kind, r.Key, r.Period, r.BucketStart }, "ix_usage_latency_rollups_path_key")
            .HasFilter(isSqlite ? PathFilter : KeyKindsFilter);
        if (!isSqlite)
        {
            byPath.UseCollation(null!, "C", null!, null!);
        }

        e.Property(r => r.Period).HasColumnName("period").HasConversion<short>();
        e.Property(r => r.Kind).HasColumnName("kind").HasConversion<short>();
        e.Property(r => r.BucketStart).HasColumnName("bucket_start");
        e.Property(r => r.App).HasColumnName("app").HasMaxLength(UsageRecordLimits.ServerName);
        e.Property(r => r.Group).HasColumnName("grp").HasMaxLength(UsageRecordLimits.Blueprint);
        e.Property(r => r.Bot).HasColumnName("bot");
        e.Property(r => r.Key).HasColumnName("dim_key").HasMaxLength(UsageRollupConfiguration.KeyLength);
        e.Property(r => r.Count).HasColumnName("count");
        e.Property(r => r.SumUs).HasColumnName("sum_us");
        e.Property(r => r.MinUs).HasColumnName("min_us");
        e.Property(r => r.MaxUs).HasColumnName("max_us");

        for (var i = 0; i < RollupHistogram.BucketCount; i++)
        {
            e.Property<long>(RollupHistogram.Column(i)).HasColumnName(RollupHistogram.Column(i));
        }
    }
}
