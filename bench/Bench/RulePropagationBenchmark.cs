using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsageDashboard.Data;
using UsageDashboard.Data.Hosting;
using UsageDashboard.Data.Rules;
using UsageDashboard.Tracker.Selection;

namespace UsageDashboard.Bench;

/// <summary>
/// Measures how long a rule change takes to reach every tracker: two host instances with runtime rules
/// run against one database; the group <c>shop</c> is switched off and back on repeatedly through the
/// same store the dashboard uses, and for each switch the time until BOTH instances decide the new way
/// is taken (the instances' per-endpoint decision is sampled every millisecond).
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release --project bench/Bench -- rules [sqlite|postgresql] [switches] [connection string]</c>.
/// SQLite uses a temporary file; PostgreSQL needs a connection string of an empty database.
/// </remarks>
internal static class RulePropagationBenchmark
{
    private const string Application = "bench-rules";

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = args.Length > 0 && args[0].Equals("postgresql", StringComparison.OrdinalIgnoreCase)
            ? UsageStorageProvider.PostgreSql
            : UsageStorageProvider.Sqlite;
        var switches = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 25;
        string? tempFile = null;
        string connectionString;
        if (provider == UsageStorageProvider.Sqlite)
        {
            tempFile = Path.Combine(Path.GetTempPath(), $"bench-rules-{Guid.NewGuid():N}.db");
            connectionString = $"Data Source={tempFile}";
        }
        else
        {
            connectionString = args.Length > 2 ? args[2] : Environment.GetEnvironmentVariable("USAGE_BENCH_POSTGRES")
                ?? throw new ArgumentException("PostgreSQL needs a connection string (third argument or USAGE_BENCH_POSTGRES).");
        }

        var storage = new UsageStorageOptions { Provider = provider, ConnectionString = connectionString };
        var contexts = new PooledFactory(UsageDbContextOptions.Create(storage));
        await UsageDatabaseMigrator.MigrateAsync(contexts, storage, CancellationToken.None);

        var hosts = new List<WebApplication>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                hosts.Add(await StartHostAsync(provider, connectionString));
            }

            var store = new TrackingRulesStore(contexts, TimeProvider.System);
            await WaitForCatalogAsync(store);

            var delays = new List<double>();
            var random = new Random(42);
            for (var i = 0; i < switches; i++)
            {
                var exclude = i % 2 == 0;
                var started = Stopwatch.GetTimestamp();
                await store.SetGroupAsync(Application, "shop", exclude ? TrackingSetting.Exclude : TrackingSetting.Default, "bench");
                var committed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                while (!hosts.All(h => IsShopTracked(h) == !exclude))
                {
                    if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                    {
                        throw new TimeoutException("a rule change did not arrive within 30 s");
                    }

                    await Task.Delay(1);
                }

                var delay = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                delays.Add(delay);
                Console.WriteLine($"switch {i + 1,3}: shop {(exclude ? "off" : "on ")}  commit {committed,6:F1} ms  both instances obey after {delay,7:F1} ms");
                // A random pause so switches land at every phase of the poll interval.
                await Task.Delay(random.Next(100, 700));
            }

            delays.Sort();
            var median = delays.Count % 2 == 1 ? delays[delays.Count / 2] : (delays[delays.Count / 2 - 1] + delays[delays.Count / 2]) / 2;
            Console.WriteLine($"{provider}: {delays.Count} switches, 2 instances, poll 500 ms: median {median:F0} ms, " +
                $"p90 {delays[(int)Math.Ceiling(delays.Count * 0.9) - 1]:F0} ms, max {delays[^1]:F0} ms, min {delays[0]:F0} ms");
            return 0;
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.StopAsync();
                await host.DisposeAsync();
            }

            if (tempFile is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { tempFile, tempFile + "-wal", tempFile + "-shm" })
                {
                    File.Delete(f);
                }
            }
        }
    }

    private static async Task<WebApplication> StartHostAsync(UsageStorageProvider provider, string connectionString)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Usage"] = connectionString;
        builder.Configuration["UsageTracking:Storage:Provider"] = provider.ToString();
        builder.Configuration["UsageTracking:Storage:MigrateOnStartup"] = "false";
        builder.Configuration["UsageTracking:ApplicationName"] = Application;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddUsageTracking().AddRuntimeRules();
        builder.Services.AddUsageDatabaseStore();
        var app = builder.Build();
        app.UseUsageTracking();
        var shop = app.MapGroup("/shop").WithUsageGroup("shop");
        shop.MapGet("/products", () => "products");
        app.MapGet("/", () => "root");
        await app.StartAsync();
        return app;
    }

    private static bool IsShopTracked(WebApplication host)
    {
        var endpoint = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().First(e => e.RoutePattern.RawText == "/shop/products");
        return host.Services.GetRequiredService<TrackingPolicy>().Get(endpoint).IsTracked;
    }

    private static async Task WaitForCatalogAsync(TrackingRulesStore store)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await store.GetApplicationAsync(Application) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the hosts did not register their endpoints");
            }

            await Task.Delay(50);
        }
    }

    private sealed class PooledFactory(DbContextOptions<UsageDbContext> options) : IDbContextFactory<UsageDbContext>
    {
        public UsageDbContext CreateDbContext() => new(options);
    }
}
