namespace UsageDashboard.Integration.Tests.SharedDatabase;

/// <summary>HostApp and Dashboard sharing one SQLite file.</summary>
public sealed class SqliteSharedDatabaseTests(SqliteSharedAppsFixture apps)
    : SharedDatabaseTests(apps), IClassFixture<SqliteSharedAppsFixture>;
