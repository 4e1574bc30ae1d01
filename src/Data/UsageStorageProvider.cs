namespace UsageDashboard.Data;

/// <summary>The database engines the usage store runs on (<c>UsageTracking:Storage:Provider</c>).</summary>
public enum UsageStorageProvider
{
    /// <summary>A local SQLite file (the default): nothing to install, one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by many host instances.</summary>
    PostgreSql,
}
