using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Configuration;

/// <summary>Maps <see cref="UsageRollup"/> to <c>usage_rollups</c>.</summary>
internal sealed class UsageRollupConfiguration(bool isSqlite) : IEntityTypeConfiguration<UsageRollup>
{
    /// <summary>The kinds kept per path (and so one key per path and second part), which the URL page of a path reads by key.</summary>
    public static readonly RollupDimension[] PathKinds = [RollupDimension.PathStatus, RollupDimension.PathCountry, RollupDimension.PathBrowser];

    /// <summary>The filter of the per-path index, which a query must repeat word for word for SQLite to use it.</summary>
    public static readonly string PathKindsFilter = KindsFilter(PathKinds);

    /// <summary>The kinds kept per route, which the URL page of a route reads by key: the filter of a PostgreSQL-only index.</summary>
    public static readonly string RouteKindsFilter = KindsFilter(
        RollupDimension.Route, RollupDimension.RouteStatus, RollupDimension.RouteCountry, RollupDimension.RouteBrowser);

    /// <summary>The filter of SQLite's visitor sighting indexes, which a query must repeat word for word for SQLite to use them.</summary>
    public static readonly string VisitorKindFilter = KindsFilter(RollupDimension.Visitor);

    /// <summary>The index of visitor rows by first sighting (SQLite: of the model; PostgreSQL: on the visitor leaf).</summary>
    public const string VisitorFirstIndex = "ix_usage_rollups_visitor_first";

    /// <summary>The index of visitor rows by last sighting, as <see cref="VisitorFirstIndex"/>.</summary>
    public const string VisitorLastIndex = "ix_usage_rollups_visitor_last";

    public const string Table = "usage_rollups";

    /// <summary>Longest key any dimension produces (a route or path, a tab and a browser family).</summary>
    public const int KeyLength = UsageRecordLimits.Path + 1 + UsageRecordLimits.Short;

    /// <summary><c>kind IN (...)</c> over <paramref name="kinds"/>: the filter of a partial index by kind.</summary>
    public static string KindsFilter(params RollupDimension[] kinds) => $"kind IN ({string.Join(", ", kinds.Select(k => (short)k))})";

    public void Configure(EntityTypeBuilder<UsageRollup> e)
    {
        e.ToTable(Table);

        // Clustered by period and kind first: every read is "one kind, one period, a time range", and the
        // upsert's conflict target is this key, so no second index has to be maintained on ingest.
        e.HasKey(r => new { r.Period, r.Kind, r.BucketStart, r.App, r.Group, r.Bot, r.Key }).HasName("pk_usage_rollups");

        // The exception: the URL page of one path among thousands reads that path's rows only. The partial index holds
        // the per-path kinds alone, written once per wide window, not the narrow kinds written every second; keys
        // compare bytewise (collation "C" on PostgreSQL) so that "path TAB" prefixes are one index range.
        var byPath = e.HasIndex(r => new { r.Kind, r.Key, r.Period, r.BucketStart }, "ix_usage_rollups_path_key").HasFilter(PathKindsFilter);
        // A range's partial first and last days count the day's visitors first seen before the range ends, or last seen
        // after it starts: the smaller side of the day, through these, with the day's count of visitors less the other
        // side, instead of every visitor row of the day. PostgreSQL gets them on the visitor leaf alone
        // (PostgreSqlRollupPartitioning.VisitorSightingIndexesSql): it does not use a partial index whose predicate names
        // the partition key.
        if (isSqlite)
        {
            e.HasIndex(r => new { r.Kind, r.Period, r.BucketStart, r.Bot, r.FirstMs, r.App }, VisitorFirstIndex).HasFilter(VisitorKindFilter);
            e.HasIndex(r => new { r.Kind, r.Period, r.BucketStart, r.Bot, r.LastMs, r.App }, VisitorLastIndex).HasFilter(VisitorKindFilter);
        }
        else
        {
            byPath.UseCollation(null!, "C", null!, null!);

            // The URL page of a route reads that route's rows of a month of 15-minute buckets. SQLite reads them in key
            // order (bucket by bucket, all routes side by side, one table page after another); a PostgreSQL heap does not
            // keep key order, so a scan of every route's rows costs one page read per row: 0.5 s at ten million records,
            // 60 ms through this index.
            e.HasIndex(r => new { r.Kind, r.Key, r.Period, r.BucketStart }, "ix_usage_rollups_route_key")
                .HasFilter(RouteKindsFilter)
                .UseCollation(null!, "C", null!, null!);
        }

        e.Property(r => r.Period).HasColumnName("period").HasConversion<short>();
        e.Property(r => r.Kind).HasColumnName("kind").HasConversion<short>();
        e.Property(r => r.BucketStart).HasColumnName("bucket_start");
        e.Property(r => r.App).HasColumnName("app").HasMaxLength(UsageRecordLimits.ServerName);
        e.Property(r => r.Group).HasColumnName("grp").HasMaxLength(UsageRecordLimits.Blueprint);
        e.Property(r => r.Bot).HasColumnName("bot");
        e.Property(r => r.Key).HasColumnName("dim_key").HasMaxLength(KeyLength);
        e.Property(r => r.Hits).HasColumnName("hits");
        e.Property(r => r.Bytes).HasColumnName("bytes");
        e.Property(r => r.Errors).HasColumnName("errors");
        e.Property(r => r.ClientErrors).HasColumnName("client_errors");
        e.Property(r => r.DurationSumUs).HasColumnName("duration_sum_us");
        e.Property(r => r.Located).HasColumnName("located");
        e.Property(r => r.LatitudeSum).HasColumnName("lat_sum");
        e.Property(r => r.LongitudeSum).HasColumnName("lon_sum");
        e.Property(r => r.West).HasColumnName("west");
        e.Property(r => r.AbsLongitudeSum).HasColumnName("abs_lon_sum");
        e.Property(r => r.FirstMs).HasColumnName("first_ms");
        e.Property(r => r.LastMs).HasColumnName("last_ms");
    }
}
