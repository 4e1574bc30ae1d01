using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using UsageDashboard.Data;
using UsageDashboard.Data.Rollups;

namespace UsageDashboard.Bench;

/// <summary>
/// Services over one benchmark database: <c>sqlite</c> (a fresh file under the temp directory) or <c>postgres</c>
/// (the connection string in <c>USAGE_BENCH_POSTGRES</c>, whose tables are dropped and recreated unless reused).
/// </summary>
internal static class RollupBenchDatabase
{
    /// <param name="provider"><c>sqlite</c> or <c>postgres</c>.</param>
    /// <param name="rollups">Whether statistics read rollups.</param>
    /// <param name="name">Part of the SQLite file's name.</param>
    /// <param name="existingSqliteFile">A SQLite file a previous run left, used as it is instead of a fresh one.</param>
    /// <param name="reuse">Use the PostgreSQL database as a previous run left it instead of recreating its tables.</param>
    public static async Task<ServiceProvider> CreateAsync(string provider, bool rollups, string name, string? existingSqliteFile = null, bool reuse = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UsageTracking:Retention:RawDays"] = "0",
            // Flush by record count only, the same every run however fast it goes; at 100 000 records/s this equals the
            // default one-second interval.
            ["UsageTracking:Rollups:FlushInterval"] = "01:00:00",
            ["UsageTracking:Rollups:MaxPendingRecords"] = "100000",
        }).Build());
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "bench", EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        var isPostgres = provider.StartsWith("p", StringComparison.OrdinalIgnoreCase);
        var connectionString = isPostgres
            ? Environment.GetEnvironmentVariable("USAGE_BENCH_POSTGRES") ?? throw new InvalidOperationException("Set USAGE_BENCH_POSTGRES to a PostgreSQL connection string.")
            : $"Data Source={existingSqliteFile ?? Path.Combine(Path.GetTempPath(), $"usage-bench-{name}-{Guid.NewGuid():N}.db")}";
        services.AddUsageDatabase(o =>
        {
            o.Provider = isPostgres ? UsageStorageProvider.PostgreSql : UsageStorageProvider.Sqlite;
            o.ConnectionString = connectionString;
            o.MigrateOnStartup = false;
        });
        services.AddUsageDatabaseStore();
        if (rollups)
        {
            services.AddUsageRollupStatistics();
        }
        else
        {
            services.AddUsageStatistics();
        }

        var sp = services.BuildServiceProvider();
        if (existingSqliteFile is not null || reuse)
        {
            return sp;
        }

        await using var context = await sp.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync();
        context.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await context.Database.EnsureDeletedAsync();
        await context.Database.EnsureCreatedAsync();
        if (isPostgres)
        {
            // The rollup layout and the raw table's indexes the migrations give PostgreSQL (the raw table is partitioned by
            // the benchmarks that load it).
            await context.Database.ExecuteSqlRawAsync(PostgreSqlRollupPartitioning.MigratedLayoutSql);
            await context.Database.ExecuteSqlRawAsync(PostgreSqlPartitioning.IndexDatesByBlockRangeSql);
        }

        return sp;
    }

    /// <summary>The PostgreSQL server's main process (the parent of every backend), whose process tree does its work; null on SQLite.</summary>
    public static async Task<int?> ServerPidAsync(IServiceProvider services)
    {
        await using var context = await services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync();
        if (!context.Database.IsNpgsql())
        {
            return null;
        }

        var backend = await context.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
        return ProcessTreeCpu.ParentOf(backend);
    }

    public static bool IsPostgres(IServiceProvider services)
    {
        using var context = services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContext();
        return context.Database.IsNpgsql();
    }
}
