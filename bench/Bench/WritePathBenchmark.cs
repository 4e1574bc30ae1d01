using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using UsageDashboard.Data;
using UsageDashboard.Data.Rollups;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker;

namespace UsageDashboard.Bench;

/// <summary>
/// The storage write path alone: rows/s and µs/row of the database store (SQLite prepared INSERT bound
/// straight into the SQLite library, PostgreSQL binary COPY), side by side in one run, each into a fresh migrated database
/// with its real indexes. PostgreSQL runs on a throwaway local cluster (or USAGE_TEST_POSTGRES).
/// </summary>
/// <remarks>
/// Usage: <c>write-path [--rows 200000] [--batch 1000] [--rounds 3] [--providers sqlite,postgresql]</c>. Records are built before timing;
/// each round writes all rows in batches of <c>--batch</c>; the median round is reported. "app CPU" is
/// this process's CPU time per row; "server CPU" is the throwaway PostgreSQL cluster's (postmaster and
/// backends, from /proc); SQLite runs inside the process, so its whole cost is app CPU.
/// On PostgreSQL, autovacuum is switched off for the table during the run and each round ends with an
/// explicit <c>VACUUM</c> of the rows it wrote, timed on its own ("vacuum CPU"): an insert-only table is
/// still vacuumed once per row (hint bits, visibility map, BRIN summaries), and leaving it to autovacuum
/// would land that cost in whichever round the daemon happened to wake up in.
/// </remarks>
internal static class WritePathBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = BenchArgs.Int(args, "--rows", 200_000);
        var batchSize = BenchArgs.Int(args, "--batch", 1000);
        var rounds = BenchArgs.Int(args, "--rounds", 3);
        var providers = BenchArgs.String(args, "--providers", "sqlite,postgresql").ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries);
        var records = BuildRecords(rows);
        Console.WriteLine($"write-path: {rows:N0} rows per round, batches of {batchSize:N0}, {rounds} round(s), {Environment.ProcessorCount} CPU(s)");

        var results = new List<(string Provider, Result Result)>();
        if (providers.Contains("sqlite"))
        {
            using var file = new TemporarySqliteFile("usage-bench");
            results.Add(("SQLite", await MeasureAsync(UsageStorageProvider.Sqlite, file.ConnectionString, records, batchSize, rounds, serverPid: null)));
        }

        var postgres = new PostgresServerFixture();
        try
        {
            string connectionString;
            try
            {
                connectionString = providers.Contains("postgresql") ? await postgres.CreateDatabaseAsync("usage_bench") : "";
            }
#pragma warning disable CA1031 // The SQLite figures are still worth printing.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Console.WriteLine($"PostgreSQL skipped: {ex.Message}");
                connectionString = "";
            }

            if (connectionString.Length > 0 && providers.Contains("postgresql"))
            {
                results.Add(("PostgreSQL", await MeasureAsync(UsageStorageProvider.PostgreSql, connectionString, records, batchSize, rounds, postgres.ServerProcessId)));
            }
        }
        finally
        {
            await postgres.DisposeAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"{"provider",-12}{"rows/s",14}{"µs/row",10}{"app CPU µs/row",16}{"server CPU µs/row",19}{"vacuum CPU µs/row",19}{"rows stored",14}");
        foreach (var (provider, result) in results)
        {
            Console.WriteLine($"{provider,-12}{result.RowsPerSecond,14:N0}{result.MicrosecondsPerRow,10:F2}{result.CpuMicrosecondsPerRow,16:F2}{Format(result.ServerCpuMicrosecondsPerRow),19}{Format(result.VacuumCpuMicrosecondsPerRow),19}{result.RowsStored,14:N0}");
        }

        return results.All(r => r.Result.RowsStored == (long)rows * rounds + batchSize) ? 0 : 1;
    }

    private static async Task<Result> MeasureAsync(
        UsageStorageProvider provider, string connectionString, UsageRecord[] records, int batchSize, int rounds, int? serverPid)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UsageTracking:Storage:Provider"] = provider.ToString(),
            ["ConnectionStrings:Usage"] = connectionString,
        });
        builder.Services.AddLogging();
        builder.Services.AddUsageDatabaseStore();
        using var host = builder.Build();
        await host.StartAsync();
        var store = host.Services.GetServices<IUsageStore>().Single();
        var batches = records.Chunk(batchSize).ToArray();

        // Warm-up: connection, prepared statement, JIT.
        await store.StoreAsync(batches[0], CancellationToken.None);
        var postgres = provider == UsageStorageProvider.PostgreSql ? new NpgsqlConnection(connectionString) : null;
        if (postgres is not null)
        {
            await postgres.OpenAsync();
            // A partitioned table takes no storage parameters: switch autovacuum off on each partition.
            var tables = await PostgreSqlPartitioning.IsPartitionedAsync(postgres)
                ? await PostgreSqlPartitioning.ListPartitionsAsync(postgres, CancellationToken.None)
                : ["usage_records"];
            foreach (var table in tables)
            {
                await ExecuteAsync(postgres, $"ALTER TABLE {table} SET (autovacuum_enabled = off)");
            }

            await ExecuteAsync(postgres, "VACUUM ANALYZE usage_records");
            await ExecuteAsync(postgres, "CHECKPOINT");
        }

        var samples = new List<(double Wall, double Cpu, double? ServerCpu, double? VacuumCpu)>();
        // Every round moves the records past the previous round's newest date, so that, as in real traffic,
        // rows append to the end of the time order instead of landing amid the rows already written.
        var span = records[^1].Date - records[0].Date + TimeSpan.FromSeconds(1);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var record in records)
            {
                record.Date += span;
            }

            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var serverCpu = ProcessTreeCpu.Read(serverPid);
            var clock = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                await store.StoreAsync(batch, CancellationToken.None);
            }

            clock.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var serverUsed = ProcessTreeCpu.Read(serverPid) - serverCpu;
            double? vacuumUsed = null;
            if (postgres is not null)
            {
                var before = ProcessTreeCpu.Read(serverPid);
                await ExecuteAsync(postgres, "VACUUM usage_records");
                vacuumUsed = (ProcessTreeCpu.Read(serverPid) - before)?.TotalSeconds;
                await ExecuteAsync(postgres, "CHECKPOINT");
            }

            samples.Add((clock.Elapsed.TotalSeconds, cpuUsed.TotalSeconds, serverUsed?.TotalSeconds, vacuumUsed));
            Console.WriteLine($"  {provider} round {round + 1}: {records.Length / clock.Elapsed.TotalSeconds,12:N0} rows/s  {clock.Elapsed.TotalMicroseconds / records.Length,6:F2} µs/row"
                + $"  app CPU {cpuUsed.TotalMicroseconds / records.Length,5:F2}  server CPU {serverUsed?.TotalMicroseconds / records.Length,5:F2}  vacuum CPU {vacuumUsed * 1e6 / records.Length,5:F2} µs/row");
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        var stored = await CountAsync(host.Services);
        await host.StopAsync();

        // Each figure's own median over the rounds (the CPU figures are steadier than wall time).
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }

        var wall = Median(samples.Select(s => s.Wall));
        return new Result(
            records.Length / wall,
            wall * 1e6 / records.Length,
            Median(samples.Select(s => s.Cpu)) * 1e6 / records.Length,
            samples[0].ServerCpu is null ? null : Median(samples.Select(s => s.ServerCpu!.Value)) * 1e6 / records.Length,
            samples[0].VacuumCpu is null ? null : Median(samples.Select(s => s.VacuumCpu!.Value)) * 1e6 / records.Length,
            stored);
    }

    private static string Format(double? value) => value is double v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static async Task<long> CountAsync(IServiceProvider services)
    {
        await using var context = await services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync();
        return await context.Usage.LongCountAsync();
    }

    /// <summary>Records shaped like real traffic: a handful of routes, varied ids, agents and addresses.</summary>
    private static UsageRecord[] BuildRecords(int count)
    {
        var start = DateTime.UtcNow.AddHours(-1);
        string[] agents =
        [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "curl/8.5.0",
        ];
        var records = new UsageRecord[count];
        for (var i = 0; i < count; i++)
        {
            var id = (i * 7919) % 5000;
            var path = (i % 4) switch
            {
                0 => "/ping",
                1 => $"/shop/products/{id}",
                2 => "/shop/products",
                _ => "/",
            };
            records[i] = new UsageRecord
            {
                Date = start.AddTicks(i * 10 * TimeSpan.TicksPerMicrosecond),
                Url = "http://127.0.0.1:5000" + path,
                Path = path,
                Blueprint = i % 4 is 1 or 2 ? "shop" : null,
                ViewArgs = i % 4 == 1 ? $$"""{"id":"{{id}}"}""" : null,
                Status = i % 50 == 0 ? 404 : 200,
                RemoteAddr = $"10.0.{(i >> 8) & 255}.{i & 255}",
                UserAgent = agents[i % agents.Length],
                Browser = i % 3 == 2 ? "curl" : "Chrome",
                BrowserVersion = "130.0",
                Platform = "Windows",
                Language = "en-US",
                Speed = 0.000_2 + (i % 100) * 1e-6,
                ContentLength = 2 + i % 1000,
                Request = $"GET {path} HTTP/1.1",
                ServerName = "HostApp",
                Method = "GET",
                Route = i % 4 == 1 ? "/shop/products/{id}" : path,
                EndpointName = "HTTP: GET " + path,
            };
        }

        return records;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private readonly record struct Result(
        double RowsPerSecond, double MicrosecondsPerRow, double CpuMicrosecondsPerRow, double? ServerCpuMicrosecondsPerRow, double? VacuumCpuMicrosecondsPerRow, long RowsStored);
}
