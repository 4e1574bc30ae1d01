namespace UsageDashboard.Integration.Tests.SharedDatabase;

/// <summary>HostApp and Dashboard sharing one PostgreSQL database.</summary>
public sealed class PostgreSqlSharedDatabaseTests(PostgreSqlSharedAppsFixture apps)
    : SharedDatabaseTests(apps), IClassFixture<PostgreSqlSharedAppsFixture>;
