using UsageDashboard.TestSupport;

namespace UsageDashboard.Integration.Tests.SharedDatabase;

/// <summary>Both apps on one database of the throwaway PostgreSQL cluster.</summary>
public sealed class PostgreSqlSharedAppsFixture(PostgresServerFixture server) : SharedAppsFixture
{
    private protected override async Task<UsageDatabase> CreateDatabaseAsync() =>
        new("PostgreSql", await server.CreateDatabaseAsync("usage_integration"));
}
