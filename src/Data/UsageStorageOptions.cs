namespace UsageDashboard.Data;

/// <summary>
/// Where usage records are stored, bound from the <c>UsageTracking:Storage</c> configuration section
/// plus the <c>ConnectionStrings:Usage</c> connection string.
/// </summary>
public sealed class UsageStorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "UsageTracking:Storage";

    /// <summary>The name of the connection string (<c>ConnectionStrings:Usage</c>).</summary>
    public const string ConnectionStringName = "Usage";

    /// <summary>The default SQLite file, relative to the content root.</summary>
    public const string DefaultSqliteFile = "usage.db";

    /// <summary>
    /// The database engine (<c>UsageTracking:Storage:Provider</c>): <c>Sqlite</c> or <c>PostgreSql</c>.
    /// Default: <see cref="UsageStorageProvider.Sqlite"/>. Any other configured value fails at startup.
    /// </summary>
    public UsageStorageProvider Provider { get; set; } = UsageStorageProvider.Sqlite;

    /// <summary>
    /// The connection string (<c>ConnectionStrings:Usage</c>). Default for SQLite: the file
    /// <c>usage.db</c> in the content root; a relative SQLite file name is resolved against the content
    /// root. Required for PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Whether pending EF Core migrations are applied when the host starts
    /// (<c>UsageTracking:Storage:MigrateOnStartup</c>). Default: <c>true</c>. Several applications may
    /// start against the same database at once; migration is serialized between them.
    /// </summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// How long a SQLite connection waits for another connection's write lock before failing
    /// (<c>UsageTracking:Storage:SqliteBusyTimeout</c>). Default: 5 seconds.
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
