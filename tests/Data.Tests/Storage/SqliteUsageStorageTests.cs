using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker;
using static UsageDashboard.Data.Tests.Storage.UsageRecords;

namespace UsageDashboard.Data.Tests.Storage;

public sealed class SqliteUsageStorageTests : UsageStorageTests
{
    private readonly List<TemporarySqliteFile> _files = [];

    protected override UsageStorageProvider Provider => UsageStorageProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        var file = new TemporarySqliteFile();
        _files.Add(file);
        return Task.FromResult(file.ConnectionString);
    }

    protected override string RejectStatusSql(int status) =>
        $"CREATE TRIGGER reject_status BEFORE INSERT ON usage_records WHEN NEW.status = {status} BEGIN SELECT RAISE(ABORT, 'rejected by test'); END;";

    protected override string ColumnNamesSql => "SELECT name AS \"Value\" FROM pragma_table_info('usage_records')";

    [Fact]
    public async Task A_writer_application_and_a_reader_application_share_one_file()
    {
        var file = await CreateDatabaseAsync();
        var writer = await StartAsync(file);
        var reader = await StartAsync(file, migrate: false);
        var store = writer.Services.GetServices<IUsageStore>().Single();
        var usage = reader.Services.GetRequiredService<IUsageReader>();

        await store.StoreAsync([Full(BaseTime, 1)], Ct);
        Assert.Equal("/shop/products/1", Assert.Single(await usage.GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, 10, 1, Ct)).Path);

        // A reader in the middle of a read transaction neither blocks the writer nor sees a half batch.
        await using (var snapshot = new SqliteConnection(file))
        {
            await snapshot.OpenAsync(Ct);
            // Deferred: a read transaction, which takes its snapshot at the first SELECT.
            await using var transaction = snapshot.BeginTransaction(deferred: true);
            await using var count = snapshot.CreateCommand();
            count.CommandText = "SELECT count(*) FROM usage_records";
            Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));

            await store.StoreAsync([.. Enumerable.Range(2, 100).Select(i => Full(BaseTime.AddSeconds(i), i))], Ct);

            Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));
        }

        Assert.Equal(101, (await usage.GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, 1000, 1, Ct)).Count);
    }

    [Fact]
    public async Task The_database_is_in_wal_mode()
    {
        var file = await CreateDatabaseAsync();
        await StartAsync(file);

        await using var connection = new SqliteConnection(file);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_batch_waits_for_another_writers_lock_instead_of_failing()
    {
        var file = await CreateDatabaseAsync();
        var host = await StartAsync(file);
        var store = host.Services.GetServices<IUsageStore>().Single();

        Task write;
        await using (var other = new SqliteConnection(file))
        {
            await other.OpenAsync(Ct);
            await using var transaction = (SqliteTransaction)await other.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, Ct);
            await using var insert = other.CreateCommand();
            insert.CommandText = "INSERT INTO usage_records (date, url, path, status, \"authorization\", is_bot, speed, content_length, method) VALUES (0, 'u', '/other', 200, 0, 0, 0, 0, 'GET')";
            await insert.ExecuteNonQueryAsync(Ct);

            write = Task.Run(async () => await store.StoreAsync([Full()], Ct), Ct);
            await Task.Delay(300, Ct);
            Assert.False(write.IsCompleted);
            await transaction.CommitAsync(Ct);
        }

        await write;
        Assert.Equal(2, await CountAsync(host));
    }

    [Fact]
    public async Task Direct_library_calls_and_calls_through_SQLitePCLRaw_store_the_same_rows()
    {
        Assert.NotNull(SqliteNativeLibrary.Shared);
        var empty = Minimal(BaseTime.AddSeconds(3));
        empty.UserAgent = "";
        empty.Speed = double.NaN;
        empty.Latitude = double.NaN;
        // More text in one row than the writer's first buffer holds, spread over several columns.
        var large = Full(BaseTime.AddSeconds(5), 3);
        large.UserAgent = new string('é', 3000);
        large.TrackVar = $"{{\"note\":\"{new string('山', 3000)}\"}}";
        large.Url = "https://example.com/" + new string('u', 5000);
        // Eleven rows: one execution of the eight-row INSERT, then three single rows. The batch goes in twice, the second
        // time reversed, so that the large and the empty rows are written once by each statement.
        UsageRecord[] batch =
        [
            .. Enumerable.Range(0, 5).Select(i => Full(BaseTime.AddSeconds(7 + i), 5 + i)),
            Full(BaseTime, 1), Minimal(BaseTime.AddSeconds(2)), empty, Full(BaseTime.AddSeconds(4), 2), large, Full(BaseTime.AddSeconds(6), 4),
        ];
        Assert.Equal(8, SqliteBatchWriter.RowsPerStatement);

        async Task<(IReadOnlyList<UsageRecord> Records, List<string> LargeText)> WriteAsync(SqliteNativeLibrary? native)
        {
            var file = await CreateDatabaseAsync();
            var host = await StartAsync(file);
            await using var context = await host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(Ct);
            using (var turns = new SqliteWriteGate())
            using (var writer = new SqliteBatchWriter(UsageTableLayout.FromContext(context), file, TimeSpan.FromSeconds(5), native, turns))
            {
                await writer.WriteAsync(batch, Ct);
                await writer.WriteAsync([.. Enumerable.Reverse(batch)], Ct);
            }

            // The reader truncates long values: the stored text is read as it is.
            var largeText = new List<string>();
            await using (var connection = new SqliteConnection(file))
            {
                await connection.OpenAsync(Ct);
                await using var select = connection.CreateCommand();
                select.CommandText = "SELECT url || user_agent || track_var FROM usage_records WHERE length(track_var) > 1000";
                await using var rows = await select.ExecuteReaderAsync(Ct);
                while (await rows.ReadAsync(Ct))
                {
                    largeText.Add(rows.GetString(0));
                }
            }

            return (await host.Services.GetRequiredService<IUsageReader>().GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, 100, 1, Ct), largeText);
        }

        var (direct, directLarge) = await WriteAsync(SqliteNativeLibrary.Shared);
        var (portable, portableLarge) = await WriteAsync(native: null);
        // Cut to the column limits (URL 2 048, user agent 512 characters) by the writer.
        var expected = large.Url[..2048] + large.UserAgent[..512] + large.TrackVar;
        Assert.Equal([expected, expected], directLarge);
        Assert.Equal(directLarge, portableLarge);

        Assert.Equal(22, direct.Count);
        Assert.Equal(22, portable.Count);
        for (var i = 0; i < direct.Count; i++)
        {
            AssertSame(portable[i], direct[i]);
        }

        var stored = direct.Where(r => r.Date == empty.Date).ToList();
        Assert.All(stored, r => Assert.Equal("", r.UserAgent));
        Assert.All(stored, r => Assert.Null(r.Latitude));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Text_repeated_changed_emptied_and_restored_from_row_to_row_is_stored_as_each_row_has_it(bool direct)
    {
        // A statement keeps its bindings from one execution to the next, and the writer binds only text that differs from
        // what a parameter holds. Each pattern is walked through by the rows of several executions of the eight-row INSERT
        // and of the single-row one, so that a parameter goes from a text to an equal copy of it, to another text, to
        // NULL and to '', and back.
        string[] agents = ["agent A", "agent A", new string("agent A".AsSpan()), "agent B", "", "agent A"];
        string?[] users = ["ann", null, "ann", "bob", "bob", null, "", "ann"];
        string[] cities = ["Zürich", "Zürich", "Genève", "Zürich"];
        var batch = Enumerable.Range(0, 3 * SqliteBatchWriter.RowsPerStatement + 3).Select(i =>
        {
            var record = Full(BaseTime.AddSeconds(i), i % 4);
            record.UserAgent = agents[(i / SqliteBatchWriter.RowsPerStatement + i % 3) % agents.Length];
            record.UserName = users[(i / 3 + i) % users.Length];
            record.City = cities[i / SqliteBatchWriter.RowsPerStatement % cities.Length];
            return record;
        }).ToList();

        var file = await CreateDatabaseAsync();
        var host = await StartAsync(file);
        await using (var context = await host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(Ct))
        using (var turns = new SqliteWriteGate())
        using (var writer = new SqliteBatchWriter(UsageTableLayout.FromContext(context), file, TimeSpan.FromSeconds(5), direct ? SqliteNativeLibrary.Shared : null, turns))
        {
            // Twice through one writer: its statements carry the first batch's last bindings into the second.
            await writer.WriteAsync(batch[..20], Ct);
            await writer.WriteAsync(batch[20..], Ct);
        }

        var stored = (await host.Services.GetRequiredService<IUsageReader>().GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, 100, 1, Ct))
            .ToDictionary(r => r.Date);
        Assert.Equal(batch.Count, stored.Count);
        Assert.All(batch, expected =>
        {
            var actual = stored[expected.Date];
            Assert.Equal(expected.UserAgent, actual.UserAgent);
            Assert.Equal(expected.UserName, actual.UserName);
            Assert.Equal(expected.City, actual.City);
            Assert.Equal(expected.Path, actual.Path);
        });
    }

    protected override ValueTask DisposeDatabaseAsync()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
