using UsageDashboard.Data.Rollups;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>Rollup storage tests on a real SQLite file.</summary>
public sealed class SqliteRollupStorageTests : RollupStorageTests, IDisposable
{
    private readonly TemporarySqliteFile _file = new("rollups");

    private protected override Task<RollupTestDatabase> CreateDatabaseAsync(Action<UsageRollupOptions>? rollups = null) =>
        RollupTestDatabase.CreateAsync(UsageStorageProvider.Sqlite, _file.ConnectionString, rollups: rollups);

    [Fact]
    public async Task Rollup_tables_are_clustered_on_their_key_without_a_rowid()
    {
        await using var db = await CreateDatabaseAsync();
        var tables = await db.QueryRowsAsync(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'usage_%rollups' AND sql LIKE '%WITHOUT ROWID' ORDER BY name");
        Assert.Equal(["usage_latency_rollups", "usage_rollups"], tables);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'usage_records' AND sql LIKE '%WITHOUT ROWID'"));
    }

    public void Dispose() => _file.Dispose();
}
