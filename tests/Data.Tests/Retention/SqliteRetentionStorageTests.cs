using UsageDashboard.Data.Tests.Rollups;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Retention;

/// <summary>Retention tests on a real SQLite file.</summary>
public sealed class SqliteRetentionStorageTests : RetentionStorageTests, IDisposable
{
    private readonly TemporarySqliteFile _file = new("retention");

    private protected override Task<RollupTestDatabase> CreateDatabaseAsync() =>
        RollupTestDatabase.CreateAsync(UsageStorageProvider.Sqlite, _file.ConnectionString);

    public void Dispose() => _file.Dispose();
}
