using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data;
using UsageDashboard.Data.Retention;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>
/// A real database (SQLite file or PostgreSQL database) with the database store, the rollup hook and
/// retention wired as in an application; <see cref="StoreAsync"/> plays the tracker's writer.
/// </summary>
internal sealed class RollupTestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RollupTestDatabase(ServiceProvider services, UsageStorageProvider provider)
    {
        _services = services;
        Provider = provider;
    }

    public static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    public UsageStorageProvider Provider { get; }

    public FixedTimeProvider Time => _services.GetRequiredService<FixedTimeProvider>();

    public IServiceProvider Services => _services;

    public static async Task<RollupTestDatabase> CreateAsync(
        UsageStorageProvider provider, string connectionString, Action<UsageRetentionOptions>? retention = null,
        Action<UsageDashboard.Data.Rollups.UsageRollupOptions>? rollups = null, bool partitioned = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            ApplicationName = "rollup-tests",
            EnvironmentName = "Development",
            ContentRootPath = Path.GetTempPath(),
        });
        var time = new FixedTimeProvider(Now);
        services.AddSingleton(time);
        services.AddSingleton<TimeProvider>(time);
        services.AddUsageDatabase(o =>
        {
            o.Provider = provider;
            o.ConnectionString = connectionString;
            o.MigrateOnStartup = false;
        });
        services.AddUsageDatabaseStore();
        services.AddUsageRollups();
        // Every batch straight to the tables, so each test reads what it just stored.
        services.Configure<UsageDashboard.Data.Rollups.UsageRollupOptions>(o =>
        {
            o.FlushInterval = TimeSpan.Zero;
            rollups?.Invoke(o);
        });
        services.AddUsageRetention(o =>
        {
            o.BatchPause = TimeSpan.Zero;
            o.BatchSize = 7;
            retention?.Invoke(o);
        });
        var provider_ = services.BuildServiceProvider();
        await using (var context = await provider_.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync())
        {
            await context.Database.EnsureCreatedAsync();
            if (partitioned && provider == UsageStorageProvider.PostgreSql)
            {
                // The layout the migrations give a PostgreSQL database. Only writes and deletes behave differently on it (reads
                // are the same SQL, pruned to one leaf), and each new server session loads every leaf it touches, which would
                // slow every statistics test down for nothing.
                await context.Database.ExecuteSqlRawAsync(UsageDashboard.Data.Rollups.PostgreSqlRollupPartitioning.MigratedLayoutSql);
                await context.Database.ExecuteSqlRawAsync(UsageDashboard.Data.Rollups.PostgreSqlPartitioning.IndexDatesByBlockRangeSql);
            }
        }

        return new RollupTestDatabase(provider_, provider);
    }

    /// <summary>What the tracker's writer does per batch: every store, then every hook per store.</summary>
    public async Task StoreAsync(IReadOnlyList<UsageRecord> batch)
    {
        var stores = _services.GetServices<IUsageStore>().ToList();
        var hooks = _services.GetServices<IUsageStoreHook>().ToList();
        foreach (var store in stores)
        {
            await store.StoreAsync(batch, CancellationToken.None);
            foreach (var hook in hooks)
            {
                await hook.OnBatchStoredAsync(store, batch, CancellationToken.None);
            }
        }

        // A flush the batch made due runs in the background; the test reads what it wrote.
        await _services.GetRequiredService<UsageDashboard.Data.Rollups.RollupHook>().WhenFlushedAsync();
    }

    /// <summary>
    /// Holds a write lock on the rollup tables from another connection until disposed: SQLite's whole database (after
    /// its busy timeout, other writers fail), PostgreSQL's two tables.
    /// </summary>
    public async Task<IAsyncDisposable> BlockRollupWritesAsync()
    {
        var context = await CreateContextAsync();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Provider == UsageStorageProvider.Sqlite
            ? "BEGIN IMMEDIATE"
            : "BEGIN; LOCK TABLE usage_rollups, usage_latency_rollups IN EXCLUSIVE MODE";
        await command.ExecuteNonQueryAsync();
        return new WriteBlock(context);
    }

    /// <summary>Rolls the blocking transaction back, then closes its connection (so a pool never hands it out still open).</summary>
    private sealed class WriteBlock(UsageDbContext context) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await context.Database.ExecuteSqlRawAsync("ROLLBACK");
            await context.DisposeAsync();
        }
    }

    public async Task<UsageDbContext> CreateContextAsync() =>
        await _services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync();

    /// <summary>Runs a query returning rows of longs and strings as text, ordered, for whole-table comparisons.</summary>
    public async Task<List<string>> QueryRowsAsync(string sql)
    {
        await using var context = await CreateContextAsync();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join("|", values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        var rows = await QueryRowsAsync(sql);
        return rows.Count == 0 || rows[0].Length == 0 ? 0 : long.Parse(rows[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var context = await CreateContextAsync();
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    public async ValueTask DisposeAsync()
    {
        var connectionString = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<UsageStorageOptions>>().Value.ConnectionString;
        await _services.DisposeAsync();

        // Each test has its own database, so its pooled connections are never reused: close them now rather than
        // letting dozens of idle pools run the server out of connections.
        if (Provider == UsageStorageProvider.PostgreSql)
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }
}
