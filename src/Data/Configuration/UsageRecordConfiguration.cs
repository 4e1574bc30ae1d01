using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Configuration;

/// <summary>
/// Maps <see cref="UsageRecord"/> to <c>usage_records</c> with the original's snake_case column names.
/// </summary>
/// <remarks>
/// On SQLite the timestamp is stored as UTC Unix milliseconds (INTEGER): SQLite has no date type, text
/// dates are slow to bucket, and integers order and range-scan cheaply. PostgreSQL keeps a real
/// <c>timestamp with time zone</c>.
/// </remarks>
internal sealed class UsageRecordConfiguration(bool isSqlite) : IEntityTypeConfiguration<UsageRecord>
{
    public const string Table = "usage_records";

    /// <summary>Ids a PostgreSQL connection reserves from the identity sequence at a time.</summary>
    public const int IdCache = 100;

    /// <summary>Heap pages per range of the PostgreSQL BRIN indexes on id and date (about 700 rows to check per range).</summary>
    public const int BrinPagesPerRange = 32;

    /// <summary>Inserted rows after which autovacuum visits the PostgreSQL table (and summarizes new BRIN ranges).</summary>
    public const int VacuumInsertThreshold = 10_000;

    public void Configure(EntityTypeBuilder<UsageRecord> e)
    {
        e.ToTable(Table);
        // SQLite keeps id alone, the rowid alias. PostgreSQL: the model's key is (date, id), the order every
        // raw read uses (a partitioned table's key must contain the partition key, PostgreSqlPartitioning); the
        // migrations then drop the key's b-tree from the database and index the dates by block range instead
        // (PostgreSqlPartitioning.IndexDatesByBlockRangeSql), as EF Core cannot model a key the database does not hold.
        if (isSqlite)
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        }
        else
        {
            e.HasKey(r => new { r.Date, r.Id });
            // Each writing connection takes 100 ids at a time instead of locking and logging the sequence
            // for every row; ids stay unique, and a closed connection only leaves a gap.
            e.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd()
                .UseIdentityByDefaultColumn().HasIdentityOptions(numbersToCache: IdCache);
        }

        var date = e.Property(r => r.Date).HasColumnName("date");
        if (isSqlite)
        {
            date.HasConversion(UnixMillisecondsConverter.Instance);
        }

        e.Property(r => r.Url).HasColumnName("url").HasMaxLength(UsageRecordLimits.Url);
        e.Property(r => r.Path).HasColumnName("path").HasMaxLength(UsageRecordLimits.Path);
        e.Property(r => r.Blueprint).HasColumnName("blueprint").HasMaxLength(UsageRecordLimits.Blueprint);
        e.Property(r => r.ViewArgs).HasColumnName("view_args").HasMaxLength(UsageRecordLimits.Json);
        e.Property(r => r.UrlArgs).HasColumnName("url_args").HasMaxLength(UsageRecordLimits.Json);
        e.Property(r => r.Status).HasColumnName("status");
        e.Property(r => r.RemoteAddr).HasColumnName("remote_addr").HasMaxLength(UsageRecordLimits.Address);
        e.Property(r => r.XForwardedFor).HasColumnName("xforwardedfor").HasMaxLength(UsageRecordLimits.ForwardedFor);
        e.Property(r => r.Authorization).HasColumnName("authorization");
        e.Property(r => r.UserName).HasColumnName("username").HasMaxLength(UsageRecordLimits.UserName);
        e.Property(r => r.UserAgent).HasColumnName("user_agent").HasMaxLength(UsageRecordLimits.UserAgent);
        e.Property(r => r.Browser).HasColumnName("browser").HasMaxLength(UsageRecordLimits.Short);
        e.Property(r => r.BrowserVersion).HasColumnName("browser_version").HasMaxLength(UsageRecordLimits.Short);
        e.Property(r => r.Platform).HasColumnName("platform").HasMaxLength(UsageRecordLimits.Short);
        e.Property(r => r.OsVersion).HasColumnName("os_version").HasMaxLength(UsageRecordLimits.Short);
        e.Property(r => r.Device).HasColumnName("device").HasMaxLength(UsageRecordLimits.Short);
        e.Property(r => r.Language).HasColumnName("language").HasMaxLength(UsageRecordLimits.Short);
        e.Property(r => r.IsBot).HasColumnName("is_bot");
        e.Property(r => r.IpInfo).HasColumnName("ip_info").HasMaxLength(UsageRecordLimits.IpInfo);
        e.Property(r => r.CountryCode).HasColumnName("country_code").HasMaxLength(2);
        e.Property(r => r.Country).HasColumnName("country").HasMaxLength(UsageRecordLimits.Short);
        e.Property(r => r.Region).HasColumnName("region").HasMaxLength(UsageRecordLimits.Short);
        e.Property(r => r.City).HasColumnName("city").HasMaxLength(UsageRecordLimits.Short);
        e.Property(r => r.Latitude).HasColumnName("latitude");
        e.Property(r => r.Longitude).HasColumnName("longitude");
        e.Property(r => r.VisitorId).HasColumnName("visitor_id").HasMaxLength(UsageRecordLimits.VisitorId);
        e.Property(r => r.Speed).HasColumnName("speed");
        e.Property(r => r.ContentLength).HasColumnName("content_length");
        e.Property(r => r.Request).HasColumnName("request").HasMaxLength(UsageRecordLimits.Request);
        e.Property(r => r.ServerName).HasColumnName("server_name").HasMaxLength(UsageRecordLimits.ServerName);
        e.Property(r => r.Method).HasColumnName("method").HasMaxLength(UsageRecordLimits.Method);
        e.Property(r => r.Route).HasColumnName("route").HasMaxLength(UsageRecordLimits.Route);
        e.Property(r => r.EndpointName).HasColumnName("endpoint").HasMaxLength(UsageRecordLimits.EndpointName);
        e.Property(r => r.TrackVar).HasColumnName("track_var").HasMaxLength(UsageRecordLimits.Json);

        // Every raw read filters by a time range and pages newest first (date desc, id desc). On SQLite the
        // time index is an ordered b-tree on (date), which carries the rowid (= id) as its last key, and the
        // LIMIT query walks it backwards and stops early. On PostgreSQL both dates and ids are indexed by block
        // range (BRIN), which costs an insert a fraction of a b-tree's: rows arrive in time and id order, so
        // each range of 32 heap pages covers a narrow span of both, and an insert into the newest, not yet
        // summarized range costs one revmap lookup. Pages are then read in time windows (Reading.NewestFirst),
        // and the request detail's lookup by id reads one range. Vacuum summarizes ranges, so the table asks for it every
        // 10 000 inserted rows instead of after 20 % growth: the unsummarized tail a lookup must scan stays short
        // (and each vacuum, which this insert-only table needs anyway to mark pages all-visible, stays small).
        if (isSqlite)
        {
            e.HasIndex(r => r.Date).HasDatabaseName("ix_usage_records_date");
        }
        else
        {
            e.HasIndex(r => r.Id).HasDatabaseName("ix_usage_records_id")
                .HasMethod("brin").HasStorageParameter("pages_per_range", BrinPagesPerRange);
            e.HasStorageParameter("autovacuum_vacuum_insert_threshold", VacuumInsertThreshold)
                .HasStorageParameter("autovacuum_vacuum_insert_scale_factor", 0);
        }
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTime, long>(
        d => (d.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond,
        ms => new DateTime(DateTime.UnixEpoch.Ticks + ms * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc))
    {
        public static readonly UnixMillisecondsConverter Instance = new();
    }
}
