using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Tracker;

namespace UsageDashboard.Bench;

/// <summary>
/// Sustained ingest with and without rollups: batches (by default of the writer's 5 000 records) written by the database
/// store and then given to every hook, exactly as the tracker's writer does per batch (enrichment excluded). Records arrive
/// at 100 000 per second of record time; addresses repeat per visit of 5 requests from a pool of 20 000, 20 route
/// templates, 1 000 paths, 6 browsers, 8 languages, 30 countries.
/// </summary>
/// <remarks>Usage: <c>rollup-ingest sqlite|postgres [records] [batch size]</c>.</remarks>
internal static class RollupIngestBench
{
    public static async Task RunAsync(string[] args)
    {
        var provider = args.Length > 1 ? args[1] : "sqlite";
        var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var size = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5_000;
        var records = Generate(count);
        MeasureAggregation(records);
        foreach (var rollups in (bool[])[false, true])
        {
            await using var services = await RollupBenchDatabase.CreateAsync(provider, rollups, "ingest");
            var stores = services.GetServices<IUsageStore>().ToArray();
            var hooks = services.GetServices<IUsageStoreHook>().ToArray();
            var batch = new List<UsageRecord>(size);

            // Warm-up batch (JIT, prepared statements), not measured.
            await WriteAsync(stores, hooks, records.Take(size).ToList());

            // The input (every record generated up front, gigabytes at 8 000 000) is the harness's, not the tracker's: one
            // full collection now settles it in the oldest generation, so that collections during the run see the tracker's
            // garbage only, as a host process's would.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var serverPid = await RollupBenchDatabase.ServerPidAsync(services);
            var serverCpu = ProcessTreeCpu.Read(serverPid);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var threads = ThreadCpuByName.Read();
            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var paused = GC.GetTotalPauseDuration();
            var split = new CpuSplit();
            var stopwatch = Stopwatch.StartNew();
            for (var i = size; i < records.Length; i += size)
            {
                batch.Clear();
                for (var j = i; j < Math.Min(records.Length, i + size); j++)
                {
                    batch.Add(records[j]);
                }

                await WriteAsync(stores, hooks, batch, split);
            }

            // What is still pending when the last batch is handed over: summing behind, the last narrow flush and the
            // wide part (written every 30 s in production, so once here).
            var handedOver = stopwatch.Elapsed;
            if (services.GetService<UsageDashboard.Data.Rollups.RollupHook>() is { } hook)
            {
                await hook.FlushAsync();
            }

            stopwatch.Stop();
            var written = records.Length - size;
            var appCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var serverUsed = ProcessTreeCpu.Read(serverPid) - serverCpu;
            Console.WriteLine(
                $"ingest {provider} rollups={(rollups ? "on " : "off")}: {written:N0} records in {stopwatch.Elapsed.TotalSeconds:F2} s = "
                + $"{written / stopwatch.Elapsed.TotalSeconds:N0} records/s, {stopwatch.Elapsed.TotalMicroseconds / written:F2} µs/record wall, "
                + $"{appCpu.TotalMicroseconds / written:F2} µs/record bench-process CPU, hooks={hooks.Length}");
            Console.WriteLine(
                $"  batches of {size:N0}; bench-thread CPU per record: store {split.StoreNs / 1000.0 / written:F2} µs, rollup hook {split.HookNs / 1000.0 / written:F2} µs "
                + "(work that completes synchronously on the calling thread; PostgreSQL server time not included); "
                + $"final rollup flush {(stopwatch.Elapsed - handedOver).TotalSeconds:F2} s of the total");
            Console.WriteLine(
                $"  bench threads, µs/record: {ThreadCpuByName.Since(threads, written)}; collections gen0/1/2 "
                + $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s");
            if (serverUsed is { } server)
            {
                // CPU time is what other work on the shared cores inflates least: the figure to compare between runs.
                Console.WriteLine(
                    $"  PostgreSQL server CPU {server.TotalMicroseconds / written:F2} µs/record (backends, autovacuum, checkpointer); "
                    + $"bench process and server together {(server + appCpu).TotalMicroseconds / written:F2} µs/record");
            }
            await VerifyAsync(services, records.Length, rollups);
        }
    }

    private static async Task WriteAsync(IUsageStore[] stores, IUsageStoreHook[] hooks, List<UsageRecord> batch, CpuSplit? split = null)
    {
        foreach (var store in stores)
        {
            var t0 = ThreadCpuClock.NowNs();
            await store.StoreAsync(batch, CancellationToken.None);
            var t1 = ThreadCpuClock.NowNs();
            foreach (var hook in hooks)
            {
                await hook.OnBatchStoredAsync(store, batch, CancellationToken.None);
            }

            if (split is not null)
            {
                split.StoreNs += t1 - t0;
                split.HookNs += ThreadCpuClock.NowNs() - t1;
            }
        }
    }

    /// <summary>In-memory summing alone (no database): per record, and the flush-time expansion to day and month rows.</summary>
    private static void MeasureAggregation(UsageRecord[] records)
    {
        foreach (var (part, window) in new[] { (UsageDashboard.Data.Rollups.RollupBatchPart.Narrow, 100_000), (UsageDashboard.Data.Rollups.RollupBatchPart.Wide, 1_000_000) })
        {
            long addNs = 0, expandNs = 0, rows = 0;
            for (var round = 0; round < 2; round++)
            {
                addNs = expandNs = rows = 0;
                for (var i = 0; i < records.Length; i += window)
                {
                    var batch = new UsageDashboard.Data.Rollups.RollupBatch(part);
                    var t0 = ThreadCpuClock.NowNs();
                    for (var j = i; j < Math.Min(records.Length, i + window); j++)
                    {
                        batch.Add(records[j]);
                    }

                    var t1 = ThreadCpuClock.NowNs();
                    var expanded = batch.Expand();
                    expandNs += ThreadCpuClock.NowNs() - t1;
                    addNs += t1 - t0;
                    rows += expanded.Counts.Length + expanded.Latency.Length;
                }
            }

            Console.WriteLine($"summing {part} in memory: {addNs / 1000.0 / records.Length:F2} µs/record, expansion {expandNs / 1000.0 / records.Length:F2} µs/record, "
                + $"{(double)rows / records.Length:F3} upsert rows per record (flushes of {window:N0} records)");
        }
    }

    private sealed class CpuSplit
    {
        public long StoreNs;
        public long HookNs;
    }

    private static async Task VerifyAsync(IServiceProvider services, long expected, bool rollups)
    {
        await using var context = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<UsageDashboard.Data.UsageDbContext>>().CreateDbContextAsync();
        var raw = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(context.Usage);
        var summed = rollups
            ? await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.SqlQueryRaw<long>(context.Database,
                "SELECT CAST(SUM(hits) AS BIGINT) AS \"Value\" FROM usage_rollups WHERE period = 2 AND kind = 0"))
            : raw;
        Console.WriteLine($"  rows written {raw:N0} of {expected:N0} ({expected - raw:N0} lost); monthly rollup hits {summed:N0}");
    }

    internal static UsageRecord[] Generate(int count)
    {
        string[] browsers = ["Chrome", "Firefox", "Safari", "Edge", "Opera", "Googlebot"];
        string[] languages = ["en-US", "de", "fr", "es", "en-GB", "ja", "pt-BR", "it"];
        const string countries = "DEUSFRGBNLESITPLSECHATBEDKNOFIIEPTCZHUROGRJPCNINBRCAAUMXZA";
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var records = new UsageRecord[count];
        for (var i = 0; i < count; i++)
        {
            var h = (long)(((ulong)i * 2654435761UL) % 4294967296UL);
            var route = (int)(h % 20);
            var path = $"/r{route}/{h / 20 % 50}";
            var ip = (i / 5 * 7919L) % 20000;
            records[i] = new UsageRecord
            {
                Date = start.AddTicks(i * 100L),
                Url = "http://shop.example" + path,
                Path = path,
                Route = $"/r{route}/{{id}}",
                Blueprint = (route % 3) switch { 0 => "shop", 1 => "api", _ => null },
                Status = (h % 100) switch { < 3 => 500, < 8 => 404, < 12 => 304, _ => 200 },
                RemoteAddr = $"10.{ip / 256 % 256}.{ip % 256}.1",
                Browser = browsers[h / 1000 % 6],
                BrowserVersion = $"{115 + h / 7 % 5}.0",
                Platform = (h / 13 % 4) switch { 0 => "Windows", 1 => "Linux", 2 => "Mac OS X", _ => "Android" },
                Language = languages[h / 17 % 8],
                CountryCode = countries.Substring((int)(h / 19 % 29) * 2, 2),
                ServerName = h / 23 % 2 == 0 ? "shop-app" : "api-app",
                Method = "GET",
                Speed = 0.005 + (h / 29 % 1000) * (h / 31 % 1000) / 1e7,
                ContentLength = 200 + h / 37 % 20000,
            };
        }

        return records;
    }
}
