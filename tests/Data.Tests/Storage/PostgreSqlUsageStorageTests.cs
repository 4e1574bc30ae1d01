using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker;
using static UsageDashboard.Data.Tests.Storage.UsageRecords;

namespace UsageDashboard.Data.Tests.Storage;

public sealed class PostgreSqlUsageStorageTests(PostgresServerFixture postgres) : UsageStorageTests
{
    protected override UsageStorageProvider Provider => UsageStorageProvider.PostgreSql;

    protected override Task<string> CreateDatabaseAsync() => postgres.CreateDatabaseAsync();

    protected override string RejectStatusSql(int status) =>
        $"ALTER TABLE usage_records ADD CONSTRAINT reject_status CHECK (status <> {status})";

    protected override string ColumnNamesSql =>
        "SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'usage_records'";

    [Fact]
    public async Task Newest_first_paging_is_served_by_the_date_index_without_a_sort()
    {
        var (store, _, host) = await OpenAsync();
        for (var b = 0; b < 10; b++)
        {
            await store.StoreAsync([.. Enumerable.Range(0, 1000).Select(i => Minimal(BaseTime.AddSeconds(b * 1000 + i)))], Ct);
        }

        await using var connection = new NpgsqlConnection(ConnectionStringOf(host));
        await connection.OpenAsync(Ct);
        await using (var analyze = new NpgsqlCommand("ANALYZE usage_records", connection))
        {
            await analyze.ExecuteNonQueryAsync(Ct);
        }

        await using var explain = new NpgsqlCommand(
            "EXPLAIN SELECT * FROM usage_records WHERE date >= $1 AND date < $2 ORDER BY date DESC, id DESC LIMIT 50", connection);
        explain.Parameters.Add(new NpgsqlParameter { Value = BaseTime.AddSeconds(100) });
        explain.Parameters.Add(new NpgsqlParameter { Value = BaseTime.AddSeconds(9000) });
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            plan.Add(reader.GetString(0));
        }

        var text = string.Join('\n', plan);
        Assert.Contains("Index Scan Backward using ix_usage_records_date", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_makes_the_batch_throw_so_the_writer_can_count_it()
    {
        var connectionString = await CreateDatabaseAsync();
        var host = await StartAsync(connectionString);
        var down = new NpgsqlConnectionStringBuilder(connectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        var offline = UsageDatabaseHost.Build(UsageDatabaseHost.Settings(UsageStorageProvider.PostgreSql, down, migrate: false));

        await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
            await offline.Services.GetServices<IUsageStore>().Single().StoreAsync([Full()], Ct));
        offline.Dispose();
        Assert.Equal(0, await CountAsync(host));
    }

    private static string ConnectionStringOf(Microsoft.Extensions.Hosting.IHost host) =>
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<UsageStorageOptions>>().Value.ConnectionString!;
}
