using Npgsql;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.TestSupport;

public sealed class PostgresServerFixtureTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task CreateDatabaseAsync_returns_a_fresh_empty_database_each_time()
    {
        var first = await postgres.CreateDatabaseAsync();
        var second = await postgres.CreateDatabaseAsync();

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT current_database(), (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public')", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(new NpgsqlConnectionStringBuilder(first).Database, reader.GetString(0));
        Assert.Equal(0, reader.GetInt64(1));
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only_with_durability_off()
    {
        var database = await postgres.CreateDatabaseAsync();
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresServerFixture.ConnectionStringVariable)))
        {
            Assert.Skip("An external server is configured; its settings are not ours to check.");
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('listen_addresses'), current_setting('fsync'), current_setting('synchronous_commit')", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("127.0.0.1", reader.GetString(0));
        Assert.Equal("off", reader.GetString(1));
        Assert.Equal("off", reader.GetString(2));
    }
}
