namespace UsageDashboard.Integration.Tests.Rules;

/// <summary>The apps on one SQLite file.</summary>
public sealed class SqliteRulesAppsFixture : RulesAppsFixture
{
    private readonly TestSupport.TemporarySqliteFile _file = new("usage-rules");

    private protected override Task<(string Provider, string ConnectionString)> CreateDatabaseAsync() =>
        Task.FromResult(("Sqlite", _file.ConnectionString));

    private protected override ValueTask DeleteDatabaseAsync()
    {
        _file.Dispose();
        return ValueTask.CompletedTask;
    }
}
