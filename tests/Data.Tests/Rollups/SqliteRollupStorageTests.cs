using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>Rollup storage tests on a real SQLite file.</summary>
public sealed class SqliteRollupStorageTests : RollupStorageTests, IDisposable
{
    private readonly TemporarySqliteFile _file = new("rollups");

    private protected override Task<RollupTestDatabase> CreateDatabaseAsync() =>
        RollupTestDatabase.CreateAsync(UsageStorageProvider.Sqlite, _file.ConnectionString);

    public void Dispose() => _file.Dispose();
}
