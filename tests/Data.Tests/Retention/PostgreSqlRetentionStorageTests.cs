using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UsageDashboard.Data.Retention;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Data.Tests.Rollups;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Retention;

/// <summary>Retention tests on a real PostgreSQL server, plus monthly partitioning of the raw table.</summary>
public sealed class PostgreSqlRetentionStorageTests(PostgresServerFixture server) : RetentionStorageTests
{
    private protected override async Task<RollupTestDatabase> CreateDatabaseAsync() =>
        await RollupTestDatabase.CreateAsync(UsageStorageProvider.PostgreSql, await server.CreateDatabaseAsync("retention"), partitioned: true);

    [Fact]
    public async Task Partitioned_raw_table_takes_bulk_writes_creates_months_ahead_and_drops_expired_months()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await CreateDatabaseAsync();
        await using var context = await db.CreateContextAsync();
        await context.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();

        await db.StoreAsync(RollupRecords.Spread(new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(1), 4, 0));
        await context.Database.ExecuteSqlRawAsync(PostgreSqlPartitioning.ConvertToPartitionedSql, ct);
        Assert.True(await PostgreSqlPartitioning.IsPartitionedAsync(connection, ct));
        Assert.Equal(4, await db.ScalarAsync("SELECT COUNT(*) FROM usage_records_p202611"));

        // Rows far ahead land in the default partition; creating their month moves them into it.
        await db.StoreAsync(RollupRecords.Spread(new DateTime(2027, 4, 15, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(1), 3, 10));
        await db.StoreAsync(RollupRecords.Spread(new DateTime(2026, 12, 15, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(1), 2, 20));
        Assert.Equal(3, await db.ScalarAsync("SELECT COUNT(*) FROM usage_records_default"));

        var created = await PostgreSqlPartitioning.EnsurePartitionsAsync(connection, new DateTime(2027, 3, 10, 0, 0, 0, DateTimeKind.Utc), 2, ct);
        Assert.Equal(["usage_records_p202703", "usage_records_p202704", "usage_records_p202705"], created);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM usage_records_default"));
        Assert.Equal(3, await db.ScalarAsync("SELECT COUNT(*) FROM usage_records_p202704"));
        Assert.Empty(await PostgreSqlPartitioning.EnsurePartitionsAsync(connection, new DateTime(2027, 3, 10, 0, 0, 0, DateTimeKind.Utc), 2, ct));

        // Ids keep coming from the sequence and stay unique.
        Assert.Equal(9, await db.ScalarAsync("SELECT COUNT(DISTINCT id) FROM usage_records"));

        var dropped = await PostgreSqlPartitioning.DropExpiredPartitionsAsync(connection, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), ct);
        Assert.Equal(["usage_records_p202611", "usage_records_p202612"], dropped.Order());
        Assert.Equal(3, await db.ScalarAsync("SELECT COUNT(*) FROM usage_records"));
        Assert.Equal(9, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 2 AND kind = 0"));
    }

    [Fact]
    public async Task Retention_run_on_a_partitioned_table_drops_whole_expired_months()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await CreateDatabaseAsync();
        await db.ExecuteAsync(PostgreSqlPartitioning.MigratedLayoutSql);
        await using (var context = await db.CreateContextAsync())
        {
            await context.Database.OpenConnectionAsync(ct);
            await PostgreSqlPartitioning.EnsurePartitionsAsync((NpgsqlConnection)context.Database.GetDbConnection(), new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc), 5, ct);
        }

        await db.StoreAsync(RollupRecords.Spread(new DateTime(2026, 7, 10, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(1), 6, 0));
        await db.StoreAsync(RollupRecords.Spread(new DateTime(2026, 8, 27, 11, 30, 0, DateTimeKind.Utc), TimeSpan.FromHours(1), 4, 10));
        await db.StoreAsync(RollupRecords.Spread(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(1), 2, 20));

        var result = await db.Services.GetRequiredService<UsagePurger>().PurgeAsync(RollupTestDatabase.Now, ct);

        // July ends before the cutoff (Aug 27 12:00): dropped whole; August is cut row by row (11:30 and 11:45 go).
        Assert.Equal(1, result.DroppedPartitions);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM pg_class WHERE relname = 'usage_records_p202607'"));
        Assert.Equal(2 + 2, await db.ScalarAsync("SELECT COUNT(*) FROM usage_records"));
    }
}
