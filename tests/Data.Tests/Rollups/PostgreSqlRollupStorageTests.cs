using UsageDashboard.Data.Rollups;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>Rollup storage tests on a real PostgreSQL server.</summary>
public sealed class PostgreSqlRollupStorageTests(PostgresServerFixture server) : RollupStorageTests
{
    private protected override async Task<RollupTestDatabase> CreateDatabaseAsync(Action<UsageRollupOptions>? rollups = null) =>
        await RollupTestDatabase.CreateAsync(UsageStorageProvider.PostgreSql, await server.CreateDatabaseAsync("rollups"), rollups: rollups);

    [Fact]
    public async Task Dashboard_queries_run_without_jit_compilation()
    {
        await using var db = await CreateDatabaseAsync();
        Assert.Equal(["off"], await db.QueryRowsAsync("SHOW jit"));
    }
}
