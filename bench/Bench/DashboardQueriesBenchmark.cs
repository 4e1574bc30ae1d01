using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UsageDashboard.Dashboard.Demo;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Data.Statistics;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker;

namespace UsageDashboard.Bench;

/// <summary>
/// Server time of each dashboard page's queries over a 30-day range of 1 000 000 demo records in SQLite, read as the
/// dashboard reads them: through the rollup statistics (raw rows only for partial edges and the request log), with the
/// dashboard's default filter (bots hidden). <c>--raw</c> reads raw rows only, for comparison.
/// Each page runs the <see cref="IUsageStatistics"/> calls its Blazor page makes, concurrently as the page
/// does; the figure is the wall time until the last one returns (median and worst of the rounds).
/// </summary>
/// <remarks>
/// Usage: <c>dashboard-queries [--rows 1000000] [--rounds 5] [--db path]</c>. Rows come from the demo
/// generator (30 days ending at a fixed time) and are loaded through the database store's bulk path into
/// a migrated database with its real indexes. With <c>--db</c> the file is kept and reused when it already
/// holds the requested rows, so query changes can be measured without reloading.
/// </remarks>
internal static class DashboardQueriesBenchmark
{
    private static readonly DateTime End = new(2026, 3, 31, 12, 0, 0, DateTimeKind.Utc);

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = BenchArgs.Int(args, "--rows", 1_000_000);
        var rounds = BenchArgs.Int(args, "--rounds", 5);
        var rawOnly = args.Contains("--raw");
        var keep = BenchArgs.String(args, "--db");
        using var temp = keep is null ? new TemporarySqliteFile("usage-bench-queries") : null;
        var path = keep ?? temp!.Path;
        Console.WriteLine($"dashboard-queries: {rows:N0} rows over 30 days in SQLite {path}, {rounds} round(s), {Environment.ProcessorCount} CPU(s), "
            + (rawOnly ? "raw rows only" : "rollups"));
        DashboardJit.Report();

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Usage"] = $"Data Source={path}",
        });
        builder.Services.AddLogging();
        builder.Services.AddUsageDatabaseStore();
        if (rawOnly)
        {
            builder.Services.AddUsageStatistics();
        }
        else
        {
            builder.Services.AddUsageRollupStatistics();
        }

        using var host = builder.Build();
        await host.StartAsync();
        var statistics = host.Services.GetRequiredService<IUsageStatistics>();
        var month = new UsageFilter { Start = End.AddDays(-30), End = End, Bots = BotFilter.Humans };

        var existing = (await statistics.GetOverviewAsync(month with { Bots = BotFilter.All })).Current.Requests;
        if (existing != rows)
        {
            if (existing != 0)
            {
                Console.Error.WriteLine($"{path} holds {existing:N0} rows, not {rows:N0}: use another --db.");
                return 1;
            }

            await LoadAsync(host.Services.GetServices<IUsageStore>().Single(s => s.Name == "database"), rawOnly ? null : host.Services.GetRequiredService<RollupRebuilder>(), rows);
        }

        var pages = DashboardPages.For(statistics, month, "/shop/products/{id}", "/shop/products");
        Console.WriteLine();
        Console.WriteLine($"{"page (30-day range)",-36}{"median ms",11}{"max ms",9}{"sequential ms",15}");
        var worst = 0.0;
        foreach (var (page, queries) in pages)
        {
            await Task.WhenAll(queries.Select(q => q())); // warm-up: page cache, plans, JIT
            var concurrent = new List<double>();
            var sequential = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(queries.Select(q => q()));
                concurrent.Add(clock.Elapsed.TotalMilliseconds);

                clock.Restart();
                foreach (var query in queries)
                {
                    await query();
                }

                sequential.Add(clock.Elapsed.TotalMilliseconds);
            }

            var median = Median(concurrent);
            worst = Math.Max(worst, median);
            Console.WriteLine($"{page,-36}{median,11:F0}{concurrent.Max(),9:F0}{Median(sequential),15:F0}");
        }

        await host.StopAsync();
        Console.WriteLine();
        Console.WriteLine($"slowest page median: {worst:F0} ms (target <= 500 ms)");
        return 0;
    }

    private static async Task LoadAsync(IUsageStore store, RollupRebuilder? rollups, int rows)
    {
        var clock = Stopwatch.StartNew();
        var rollupTime = TimeSpan.Zero;
        foreach (var chunk in new DemoDataGenerator().Generate(End, TimeSpan.FromDays(30), rows).Chunk(50_000))
        {
            foreach (var batch in chunk.Chunk(10_000))
            {
                await store.StoreAsync(batch, CancellationToken.None);
            }

            if (rollups is not null)
            {
                var summing = Stopwatch.StartNew();
                await rollups.AddAsync(chunk);
                rollupTime += summing.Elapsed;
            }
        }

        Console.WriteLine($"loaded {rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s (generation included; rollups {rollupTime.TotalSeconds:F1} s of it)");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
