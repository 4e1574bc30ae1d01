using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Data.Hosting;
using UsageDashboard.Data.Storage;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker;
using static UsageDashboard.Data.Tests.Storage.UsageRecords;

namespace UsageDashboard.Data.Tests.Storage;

/// <summary>
/// Storage behaviour written once and run against every provider (one subclass each), through the same
/// registration an application uses: AddUsageDatabaseStore, startup migration, IUsageStore, IUsageReader.
/// </summary>
public abstract class UsageStorageTests : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract UsageStorageProvider Provider { get; }

    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Makes the database reject (abort) any insert of a record with <paramref name="status"/>.</summary>
    protected abstract string RejectStatusSql(int status);

    /// <summary>The column names of usage_records as the database itself reports them.</summary>
    protected abstract string ColumnNamesSql { get; }

    protected async Task<IHost> StartAsync(string connectionString, bool migrate = true)
    {
        var host = await UsageDatabaseHost.StartAsync(Provider, connectionString, migrate);
        _hosts.Add(host);
        return host;
    }

    protected async Task<(IUsageStore Store, IUsageReader Reader, IHost Host)> OpenAsync()
    {
        var host = await StartAsync(await CreateDatabaseAsync());
        return (host.Services.GetServices<IUsageStore>().Single(), host.Services.GetRequiredService<IUsageReader>(), host);
    }

    protected static async Task<int> CountAsync(IHost host)
    {
        await using var context = await host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(Ct);
        return await context.Usage.CountAsync(Ct);
    }

    protected static async Task ExecuteAsync(IHost host, string sql)
    {
        await using var context = await host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(Ct);
        await context.Database.ExecuteSqlRawAsync(sql, Ct);
    }

    private static Task<IReadOnlyList<UsageRecord>> ReadAllAsync(IUsageReader reader) =>
        reader.GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, IUsageReader.MaxLimit, 1, Ct);

    [Fact]
    public async Task Every_field_round_trips_including_unicode()
    {
        var (store, reader, _) = await OpenAsync();
        var expected = Full();

        await store.StoreAsync([Full()], Ct);

        AssertSame(expected, Assert.Single(await ReadAllAsync(reader)));
    }

    [Fact]
    public async Task Optional_fields_round_trip_as_null_and_empty_text_stays_empty()
    {
        var (store, reader, _) = await OpenAsync();
        var nulls = Minimal(BaseTime);
        var empties = Minimal(BaseTime.AddSeconds(1));
        foreach (var p in StoredProperties.Where(p => p.PropertyType == typeof(string)))
        {
            p.SetValue(empties, "");
        }

        await store.StoreAsync([Minimal(BaseTime), CopyOf(empties)], Ct);

        var rows = await ReadAllAsync(reader);
        Assert.Equal(2, rows.Count);
        AssertSame(empties, rows[0]);
        AssertSame(nulls, rows[1]);
        Assert.Null(rows[1].Blueprint);
        Assert.Equal("", rows[0].Blueprint);
    }

    [Fact]
    public async Task Filled_and_empty_fields_change_from_row_to_row_without_carrying_over()
    {
        var (store, reader, _) = await OpenAsync();
        // Every third row filled, the others minimal, over two batches: each place in a statement of several rows, and
        // the statement of one row, sees a filled row followed by a minimal one and the reverse.
        var expected = Enumerable.Range(0, 21).Select(i => i % 3 == 0 ? Full(BaseTime.AddSeconds(i), i) : Minimal(BaseTime.AddSeconds(i))).ToList();

        await store.StoreAsync([.. expected.Take(19).Select(CopyOf)], Ct);
        await store.StoreAsync([.. expected.Skip(19).Select(CopyOf)], Ct);

        var rows = await ReadAllAsync(reader);
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertSame(expected[^(i + 1)], rows[i]);
        }
    }

    [Fact]
    public async Task Values_at_the_limit_are_kept_and_longer_values_are_cut_to_the_column_limit()
    {
        var (store, reader, host) = await OpenAsync();
        var limits = TextLimits(host);
        var atLimit = Minimal(BaseTime.AddSeconds(1));
        var over = Minimal(BaseTime);
        foreach (var (property, limit) in limits)
        {
            property.SetValue(atLimit, new string('a', limit));
            property.SetValue(over, new string('b', limit - 1) + "XYZ" + new string('c', 5000));
        }

        await store.StoreAsync([atLimit, over], Ct);

        var rows = await ReadAllAsync(reader);
        foreach (var (property, limit) in limits)
        {
            Assert.Equal(new string('a', limit), (string?)property.GetValue(rows[0]));
            Assert.Equal(new string('b', limit - 1) + "X", (string?)property.GetValue(rows[1]));
        }

        // The documented limits are what the schema enforces.
        Assert.Equal(UsageRecordLimits.Url, limits.Single(l => l.Property.Name == nameof(UsageRecord.Url)).Limit);
        Assert.Equal(UsageRecordLimits.Request, limits.Single(l => l.Property.Name == nameof(UsageRecord.Request)).Limit);
        Assert.Equal(UsageRecordLimits.Json, limits.Single(l => l.Property.Name == nameof(UsageRecord.TrackVar)).Limit);
    }

    [Fact]
    public async Task Cutting_never_splits_a_surrogate_pair()
    {
        var (store, reader, _) = await OpenAsync();
        var record = Minimal(BaseTime);
        record.Blueprint = new string('x', UsageRecordLimits.Blueprint - 1) + "😀tail";

        await store.StoreAsync([record], Ct);

        Assert.Equal(new string('x', UsageRecordLimits.Blueprint - 1), Assert.Single(await ReadAllAsync(reader)).Blueprint);
    }

    [Fact]
    public async Task Nul_characters_and_lone_surrogates_are_replaced_instead_of_failing_the_batch()
    {
        var (store, reader, _) = await OpenAsync();
        var record = Minimal(BaseTime);
        record.UserAgent = "evil\0agent";
        record.UserName = "half \uD83D pair";
        record.Path = "/low\uDC00";
        // Characters from U+E000 up are kept, and what must be replaced is found after them too.
        record.XForwardedFor = "\uFF21 \0";
        record.Country = "\uE000😀\uDC00";
        record.City = "\uFF21\uE000";
        var neighbour = Full(BaseTime.AddSeconds(-1));

        await store.StoreAsync([record, neighbour], Ct);

        var rows = await ReadAllAsync(reader);
        Assert.Equal(2, rows.Count);
        Assert.Equal("evil\uFFFDagent", rows[0].UserAgent);
        Assert.Equal("half \uFFFD pair", rows[0].UserName);
        Assert.Equal("/low\uFFFD", rows[0].Path);
        Assert.Equal("\uFF21 \uFFFD", rows[0].XForwardedFor);
        Assert.Equal("\uE000😀\uFFFD", rows[0].Country);
        Assert.Equal("\uFF21\uE000", rows[0].City);
        AssertSame(Full(BaseTime.AddSeconds(-1)), rows[1]);
    }

    [Fact]
    public async Task Extreme_numbers_round_trip_and_nan_is_stored_safely()
    {
        var (store, reader, _) = await OpenAsync();
        var huge = Minimal(BaseTime.AddSeconds(3));
        huge.Speed = double.MaxValue;
        huge.ContentLength = long.MaxValue;
        huge.Status = int.MaxValue;
        huge.Latitude = 90;
        huge.Longitude = -180;
        var tiny = Minimal(BaseTime.AddSeconds(2));
        tiny.Speed = double.Epsilon;
        tiny.ContentLength = long.MinValue;
        tiny.Status = int.MinValue;
        tiny.Latitude = -0.000001;
        var infinite = Minimal(BaseTime.AddSeconds(1));
        infinite.Speed = double.PositiveInfinity;
        var nan = Minimal(BaseTime);
        nan.Speed = double.NaN;
        nan.Latitude = double.NaN;

        await store.StoreAsync([CopyOf(huge), CopyOf(tiny), CopyOf(infinite), nan], Ct);

        var rows = await ReadAllAsync(reader);
        Assert.Equal(4, rows.Count);
        AssertSame(huge, rows[0]);
        AssertSame(tiny, rows[1]);
        AssertSame(infinite, rows[2]);
        Assert.Equal(0, rows[3].Speed);
        Assert.Null(rows[3].Latitude);
    }

    [Fact]
    public async Task Dates_are_stored_as_utc_with_millisecond_precision()
    {
        var (store, reader, _) = await OpenAsync();
        var submillisecond = Minimal(BaseTime.AddTicks(9_999)); // 0.9999 ms past BaseTime
        var unspecified = Minimal(DateTime.SpecifyKind(BaseTime.AddMinutes(-1), DateTimeKind.Unspecified));
        var local = Minimal(BaseTime.AddMinutes(-2).ToLocalTime());

        await store.StoreAsync([submillisecond, unspecified, local], Ct);

        var rows = await ReadAllAsync(reader);
        Assert.Equal([BaseTime, BaseTime.AddMinutes(-1), BaseTime.AddMinutes(-2)], rows.Select(r => r.Date));
        Assert.All(rows, r => Assert.Equal(DateTimeKind.Utc, r.Date.Kind));
    }

    [Fact]
    public async Task GetUsage_returns_newest_first_and_breaks_ties_by_newest_id()
    {
        var (store, reader, _) = await OpenAsync();
        var order = new[] { 5, 1, 4, 2, 3 }.Select(s => Full(BaseTime.AddSeconds(s), s)).ToList();
        var tie1 = Full(BaseTime.AddSeconds(3), 31);
        var tie2 = Full(BaseTime.AddSeconds(3), 32);

        await store.StoreAsync(order, Ct);
        await store.StoreAsync([tie1, tie2], Ct);

        var rows = await ReadAllAsync(reader);
        Assert.Equal(["/shop/products/5", "/shop/products/4", "/shop/products/32", "/shop/products/31", "/shop/products/3",
            "/shop/products/2", "/shop/products/1"], rows.Select(r => r.Path));
        Assert.True(rows[2].Id > rows[3].Id && rows[3].Id > rows[4].Id);
    }

    [Fact]
    public async Task Pages_cover_the_range_once_without_overlap_and_page_below_1_is_page_1()
    {
        var (store, reader, _) = await OpenAsync();
        await store.StoreAsync([.. Enumerable.Range(0, 25).Select(i => Full(BaseTime.AddSeconds(i), i))], Ct);
        var start = BaseTime.AddDays(-1);
        var end = BaseTime.AddDays(1);

        var pages = new List<IReadOnlyList<UsageRecord>>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await reader.GetUsageAsync(start, end, 10, page, Ct));
        }

        Assert.Equal([10, 10, 5, 0], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"/shop/products/{i}"), pages.SelectMany(p => p).Select(r => r.Path));
        Assert.Equal(pages[0].Select(r => r.Id), (await reader.GetUsageAsync(start, end, 10, 0, Ct)).Select(r => r.Id));
        Assert.Equal(pages[0].Select(r => r.Id), (await reader.GetUsageAsync(start, end, 10, -7, Ct)).Select(r => r.Id));
        Assert.Empty(await reader.GetUsageAsync(start, end, IUsageReader.MaxLimit, int.MaxValue, Ct));
    }

    [Fact]
    public async Task Pages_keep_newest_first_order_across_bursts_gaps_and_months()
    {
        var (store, reader, _) = await OpenAsync();
        // Bursts of one instant (ties), minutes, hours, weeks and a month boundary apart: PostgreSQL reads pages in
        // time windows that grow back from the range's end, so pages must come out the same wherever windows fall.
        var offsets = new[] { 0.0, 0, 0, 0.001, 1, 14, 16, 61, 179, 181, 60 * 24, 60 * 24 * 9, 60 * 24 * 31, 60 * 24 * 31 + 0.5, 60 * 24 * 75 };
        var records = offsets.SelectMany((minutes, i) => Enumerable.Range(0, 3).Select(k => Full(BaseTime.AddMinutes(-minutes), i * 10 + k))).ToList();
        await store.StoreAsync(records[..20], Ct);
        await store.StoreAsync(records[20..], Ct);
        var start = BaseTime.AddDays(-80);
        var end = BaseTime.AddMilliseconds(1);

        var expected = await reader.GetUsageAsync(start, end, IUsageReader.MaxLimit, 1, Ct);
        var paged = new List<UsageRecord>();
        for (var page = 1; page <= 7; page++)
        {
            paged.AddRange(await reader.GetUsageAsync(start, end, 7, page, Ct));
        }

        Assert.Equal(records.Count, expected.Count);
        Assert.Equal(records.OrderByDescending(r => r.Date).ThenByDescending(r => int.Parse(r.Path.Split('/')[^1], CultureInfo.InvariantCulture))
            .Select(r => r.Path), expected.Select(r => r.Path));
        Assert.True(expected.Zip(expected.Skip(1)).All(p => p.First.Date > p.Second.Date || (p.First.Date == p.Second.Date && p.First.Id > p.Second.Id)));
        Assert.Equal(expected.Select(r => r.Id), paged.Select(r => r.Id));
        Assert.Equal(expected.Skip(40).Take(5).Select(r => r.Id), (await reader.GetUsageAsync(start, end, 5, 9, Ct)).Select(r => r.Id));
    }

    [Fact]
    public async Task Default_limit_is_500()
    {
        var (store, reader, _) = await OpenAsync();
        await store.StoreAsync([.. Enumerable.Range(0, 501).Select(i => Minimal(BaseTime.AddMilliseconds(i)))], Ct);

        var rows = await reader.GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, cancellationToken: Ct);

        Assert.Equal(500, rows.Count);
        Assert.Equal(BaseTime.AddMilliseconds(500), rows[0].Date);
    }

    [Fact]
    public async Task Range_includes_start_and_excludes_end()
    {
        var (store, reader, _) = await OpenAsync();
        var before = Minimal(BaseTime.AddMilliseconds(-1));
        var atStart = Minimal(BaseTime);
        var inside = Minimal(BaseTime.AddMinutes(30));
        var lastInside = Minimal(BaseTime.AddHours(1).AddMilliseconds(-1));
        var atEnd = Minimal(BaseTime.AddHours(1));
        await store.StoreAsync([before, atStart, inside, lastInside, atEnd], Ct);

        var rows = await reader.GetUsageAsync(BaseTime, BaseTime.AddHours(1), 100, 1, Ct);
        Assert.Equal([lastInside.Date, inside.Date, atStart.Date], rows.Select(r => r.Date));

        // Bounds between two milliseconds select what lies between them.
        var sub = await reader.GetUsageAsync(BaseTime.AddTicks(-1), BaseTime.AddHours(1).AddTicks(1), 100, 1, Ct);
        Assert.Equal([atEnd.Date, lastInside.Date, inside.Date, atStart.Date], sub.Select(r => r.Date));

        // A local-time bound means the same instant.
        var local = await reader.GetUsageAsync(BaseTime.ToLocalTime(), BaseTime.AddHours(1).ToLocalTime(), 100, 1, Ct);
        Assert.Equal(rows.Select(r => r.Id), local.Select(r => r.Id));

        Assert.Empty(await reader.GetUsageAsync(BaseTime.AddHours(1), BaseTime, 100, 1, Ct));
        Assert.Empty(await reader.GetUsageAsync(BaseTime, BaseTime, 100, 1, Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(IUsageReader.MaxLimit + 1)]
    [InlineData(int.MaxValue)]
    public async Task A_limit_outside_1_to_MaxLimit_is_rejected_with_a_clear_error(int limit)
    {
        var (_, reader, _) = await OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, limit, 1, Ct));

        Assert.Equal("limit", error.ParamName);
        Assert.Contains($"between 1 and {IUsageReader.MaxLimit}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxLimit_itself_is_accepted()
    {
        var (store, reader, _) = await OpenAsync();
        await store.StoreAsync([Minimal(BaseTime)], Ct);

        Assert.Single(await reader.GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, IUsageReader.MaxLimit, 1, Ct));
    }

    [Fact]
    public async Task Many_batches_keep_every_record_exactly_once()
    {
        var (store, reader, host) = await OpenAsync();
        for (var b = 0; b < 40; b++)
        {
            await store.StoreAsync([.. Enumerable.Range(0, 250).Select(i => Full(BaseTime.AddMilliseconds(b * 250 + i), b * 250 + i))], Ct);
        }

        await store.StoreAsync([], Ct);

        Assert.Equal(10_000, await CountAsync(host));
        var rows = await ReadAllAsync(reader);
        Assert.Equal(10_000, rows.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 10_000).Reverse().Select(i => $"/shop/products/{i}"), rows.Select(r => r.Path));
    }

    [Fact]
    public async Task A_rejected_record_fails_its_whole_batch_and_the_next_batch_is_written()
    {
        var (store, reader, host) = await OpenAsync();
        await ExecuteAsync(host, RejectStatusSql(599));
        var batch = Enumerable.Range(0, 50).Select(i => Full(BaseTime.AddSeconds(i), i)).ToList();
        batch[37].Status = 599;

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.StoreAsync(batch, Ct));
        Assert.Equal(0, await CountAsync(host));

        await store.StoreAsync([Full(BaseTime, 1000)], Ct);
        Assert.Equal("/shop/products/1000", Assert.Single(await ReadAllAsync(reader)).Path);
    }

    /// <summary>Larger than the default batch size: what a host configured for big batches writes at once.</summary>
    private const int LargeBatch = 12_001;

    /// <summary><see cref="LargeBatch"/> records a millisecond apart, record <c>i</c> on path <c>/shop/products/i</c>.</summary>
    private static List<UsageRecord> LargeBatchOfRecords() => [.. Enumerable.Range(0, LargeBatch).Select(i => Full(BaseTime.AddMilliseconds(i), i))];

    [Fact]
    public async Task A_large_batch_is_stored_whole()
    {
        var (store, reader, host) = await OpenAsync();
        var batch = LargeBatchOfRecords();

        await store.StoreAsync(batch, Ct);

        Assert.Equal(LargeBatch, await CountAsync(host));
        var newest = await reader.GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, 3, 1, Ct);
        Assert.Equal([$"/shop/products/{LargeBatch - 1}", $"/shop/products/{LargeBatch - 2}", $"/shop/products/{LargeBatch - 3}"], newest.Select(r => r.Path));
        await using var context = await host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(LargeBatch, await context.Usage.Select(r => r.Id).Distinct().CountAsync(Ct));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(LargeBatch - 2)]
    public async Task A_rejected_record_near_either_end_of_a_large_batch_keeps_nothing_of_it(int rejected)
    {
        var (store, reader, host) = await OpenAsync();
        await ExecuteAsync(host, RejectStatusSql(599));
        var batch = LargeBatchOfRecords();
        batch[rejected].Status = 599;

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.StoreAsync(batch, Ct));
        Assert.Equal(0, await CountAsync(host));

        batch[rejected].Status = 200;
        await store.StoreAsync(batch, Ct);
        Assert.Equal(LargeBatch, await CountAsync(host));
        Assert.Equal("/shop/products/7", Assert.Single(await reader.GetUsageAsync(BaseTime.AddMilliseconds(7), BaseTime.AddMilliseconds(8), 10, 1, Ct)).Path);
    }

    [Fact]
    public async Task Migrating_again_is_a_no_op_that_keeps_the_data()
    {
        var (store, _, host) = await OpenAsync();
        await store.StoreAsync([Full()], Ct);
        var contexts = host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        var options = host.Services.GetRequiredService<IOptions<UsageStorageOptions>>().Value;

        var applied = await UsageDatabaseMigrator.MigrateAsync(contexts, options, Ct);

        Assert.Empty(applied);
        Assert.Equal(1, await CountAsync(host));
        await using var context = await contexts.CreateDbContextAsync(Ct);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(Ct));
        Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync(Ct));
        Assert.False(context.Database.HasPendingModelChanges(), "the model has changes not captured in a migration: run scripts/add-migration.sh");
    }

    [Fact]
    public async Task Migrating_a_new_database_logs_no_error()
    {
        using var logs = new ListLoggerProvider();
        var host = UsageDatabaseHost.Build(
            UsageDatabaseHost.Settings(Provider, await CreateDatabaseAsync()), services: s => s.AddLogging(b => b.AddProvider(logs)));
        _hosts.Add(host);

        await host.StartAsync(Ct);

        await using var context = await host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(Ct);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(Ct));
        Assert.Contains(logs.Entries, e => e.Message.Contains("migration(s) applied", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Two_applications_starting_at_once_against_one_new_database_both_migrate_it()
    {
        var connectionString = await CreateDatabaseAsync();

        var hosts = await Task.WhenAll(StartAsync(connectionString), StartAsync(connectionString), StartAsync(connectionString));

        await hosts[0].Services.GetServices<IUsageStore>().Single().StoreAsync([Full()], Ct);
        foreach (var host in hosts)
        {
            Assert.Equal(1, await CountAsync(host));
        }
    }

    [Fact]
    public async Task MigrateOnStartup_false_leaves_the_database_untouched()
    {
        var connectionString = await CreateDatabaseAsync();
        var host = await StartAsync(connectionString, migrate: false);

        await using var context = await host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(Ct);
        Assert.Empty(await context.Database.GetAppliedMigrationsAsync(Ct));
        Assert.NotEmpty(await context.Database.GetPendingMigrationsAsync(Ct));
    }

    [Fact]
    public async Task The_bulk_writer_writes_exactly_the_columns_the_migrated_table_has()
    {
        var (_, _, host) = await OpenAsync();
        await using var context = await host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(Ct);

        var tableColumns = await context.Database.SqlQueryRaw<string>(ColumnNamesSql).ToListAsync(Ct);
        var written = UsageTableLayout.FromContext(context).Columns.Select(c => c.Name).ToList();

        Assert.Equal(tableColumns.Where(c => c != "id").Order(), written.Order());
        Assert.Contains("id", tableColumns);
        Assert.Equal(written.Count, written.Distinct().Count());
        Assert.Equal(StoredProperties.Count(), written.Count);
    }

    private static List<(PropertyInfo Property, int Limit)> TextLimits(IHost host)
    {
        using var context = host.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContext();
        var entity = context.Model.FindEntityType(typeof(UsageRecord))!;
        return [.. entity.GetProperties()
            .Where(p => p.ClrType == typeof(string))
            .Select(p => (p.PropertyInfo!, p.GetMaxLength() ?? throw new InvalidOperationException($"{p.Name} has no length limit")))];
    }

    private static UsageRecord CopyOf(UsageRecord record)
    {
        var copy = new UsageRecord();
        foreach (var p in StoredProperties)
        {
            p.SetValue(copy, p.GetValue(record));
        }

        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }

        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;
}
