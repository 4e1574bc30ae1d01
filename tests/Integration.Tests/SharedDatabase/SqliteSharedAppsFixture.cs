using UsageDashboard.TestSupport;

namespace UsageDashboard.Integration.Tests.SharedDatabase;

/// <summary>Both apps on one SQLite file.</summary>
public sealed class SqliteSharedAppsFixture : SharedAppsFixture
{
    private readonly TemporarySqliteFile _file = new("usage-integration");

    private protected override Task<UsageDatabase> CreateDatabaseAsync() =>
        Task.FromResult(new UsageDatabase("Sqlite", _file.ConnectionString));

    private protected override ValueTask DeleteDatabaseAsync()
    {
        _file.Dispose();
        return ValueTask.CompletedTask;
    }
}
