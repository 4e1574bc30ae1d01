using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Bench;

/// <summary>
/// Loads N (default 10 000 000) records spread over 30 days directly in SQL (SQLite recursive CTE, PostgreSQL
/// generate_series into the monthly-partitioned table), sums the rollups by streaming those rows once through
/// <see cref="RollupRebuilder.AddAsync"/>, then times
/// each dashboard page's statistics calls for a 30-day range with the dashboard's default filter (median of 3 runs after
/// a warm-up) and the summary API.
/// </summary>
/// <remarks>
/// Usage: <c>ten-million sqlite|postgres [records]</c>; <c>ten-million sqlite --reuse FILE</c> or
/// <c>ten-million postgres --reuse</c> times the pages again on the database an earlier run left (after a change to the
/// queries or indexes only), and <c>--rebuild</c> after it first recomputes the rollups from the raw rows with
/// <see cref="RollupRebuilder.RebuildAsync"/> (the set-based rebuild, far faster than streaming the rows once more).
/// <c>--only TEXT</c> times only the pages whose name contains TEXT, <c>--runs N</c> takes the median of N runs, and
/// <c>--warmup N</c> runs each page N times untimed first (default 1; more gives the figures of a dashboard that has
/// served the page for a while, its code compiled by the runtime's optimizing tier).
/// </remarks>
internal static class TenMillionBench
{
    private static readonly DateTime Start = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = Start.AddDays(30);

    public static async Task RunAsync(string[] args)
    {
        var provider = args.Length > 1 ? args[1] : "sqlite";
        var reusing = args.Length > 2 && args[2] == "--reuse";
        var reuseFile = reusing && provider == "sqlite" && args.Length > 3 ? args[3] : null;
        var count = args.Length > 2 && !reusing ? long.Parse(args[2], CultureInfo.InvariantCulture) : 10_000_000;
        var only = BenchArgs.String(args, "--only");
        var runs = BenchArgs.Int(args, "--runs", 3);
        var warmups = BenchArgs.Int(args, "--warmup", 1);
        await using var services = await RollupBenchDatabase.CreateAsync(provider, rollups: true, "10m", reuseFile, reuse: reusing);
        var contexts = services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        var postgres = RollupBenchDatabase.IsPostgres(services);
        if (!reusing)
        {
            await LoadAsync(services, provider, count, postgres);
        }
        else if (args.Contains("--rebuild"))
        {
            var rebuilt = await services.GetRequiredService<RollupRebuilder>().RebuildAsync();
            Console.WriteLine($"{provider}: rebuilt the rollups from raw rows in {rebuilt.Elapsed.TotalSeconds:F1} s");
        }

        await using (var context = await contexts.CreateDbContextAsync())
        {
            context.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await context.Database.ExecuteSqlRawAsync("ANALYZE");

            var rows = await EntityFrameworkQueryableExtensions.SingleAsync(context.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM usage_rollups"));
            var latencyRows = await EntityFrameworkQueryableExtensions.SingleAsync(context.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM usage_latency_rollups"));
            Console.WriteLine($"{provider}: {rows:N0} rollup rows, {latencyRows:N0} latency rollup rows");
        }

        var stats = services.GetRequiredService<IUsageStatistics>();
        var summary = services.GetRequiredService<IUsageSummaryReader>();
        DashboardJit.Report();

        // The dashboard's default view: bots hidden. Whole days (as the "last 30 days" preset at midnight) and a ragged
        // range whose partial 15-minute edges come from raw rows.
        var month = new UsageFilter { Start = Start, End = End, Bots = BotFilter.Humans };
        var ragged = month with { Start = Start.AddHours(7).AddMinutes(7), End = End.AddHours(-3).AddMinutes(-3) };
        foreach (var (label, range) in new[] { ("30 days", month), ("30 days, ragged edges", ragged) })
        {
            foreach (var (page, queries) in DashboardPages.For(stats, range, "/r3/{id}", "/r3/7"))
            {
                if (only is null || page.Contains(only, StringComparison.Ordinal))
                {
                    await TimeAsync(provider, $"{page}, {label}", runs, warmups, () => Task.WhenAll(queries.Select(q => q())));
                }
            }
        }

        if (only is null)
        {
            await TimeAsync(provider, "Summary API url/day", runs, warmups, () => summary.GetSummaryAsync(SummaryKind.Url, SummaryPeriod.Day, Start, End, 500));
            await TimeAsync(provider, "Summary API remote/hour", runs, warmups, () => summary.GetSummaryAsync(SummaryKind.Remote, SummaryPeriod.Hour, Start, End, 500));
        }
    }

    /// <summary>Loads <paramref name="count"/> records in SQL and sums them into the rollups, timing both.</summary>
    private static async Task LoadAsync(ServiceProvider services, string provider, long count, bool postgres)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        await using (var context = await contexts.CreateDbContextAsync())
        {
            context.Database.SetCommandTimeout(TimeSpan.FromHours(2));
            if (postgres)
            {
                await context.Database.ExecuteSqlRawAsync(PostgreSqlPartitioning.MigratedLayoutSql);
                await context.Database.OpenConnectionAsync();
                await PostgreSqlPartitioning.EnsurePartitionsAsync((Npgsql.NpgsqlConnection)context.Database.GetDbConnection(), Start, 2);
            }

            var load = Stopwatch.StartNew();
            await context.Database.ExecuteSqlRawAsync(postgres ? PostgresLoad(count) : SqliteLoad(count));
            if (postgres)
            {
                await context.Database.ExecuteSqlRawAsync("ANALYZE");
            }

            Console.WriteLine($"{provider}: loaded {count:N0} records in {load.Elapsed.TotalSeconds:F1} s");
        }

        // The rollups are summed by streaming the loaded rows once through the same in-memory summing the tracker's
        // hook uses (RollupRebuilder.AddAsync), in chunks of 100 000 records.
        var summing = Stopwatch.StartNew();
        var rollups = services.GetRequiredService<RollupRebuilder>();
        long maxId;
        await using (var context = await contexts.CreateDbContextAsync())
        {
            maxId = await context.Usage.MaxAsync(r => r.Id);
        }

        // Chunks by id range, not "after the last, the first 100 000": PostgreSQL's partitioned table has no b-tree on the
        // id alone, so each such chunk would sort every row left, where a range is read through the BRIN index on the id.
        for (long last = 0; last < maxId; last += 100_000)
        {
            List<UsageDashboard.Tracker.UsageRecord> chunk;
            await using (var context = await contexts.CreateDbContextAsync())
            {
                chunk = await context.Usage.AsNoTracking().Where(r => r.Id > last && r.Id <= last + 100_000).OrderBy(r => r.Id).ToListAsync();
            }

            await rollups.AddAsync(chunk);
        }

        Console.WriteLine($"{provider}: rollups summed from the raw rows in {summing.Elapsed.TotalSeconds:F1} s "
            + $"({summing.Elapsed.TotalMicroseconds / count:F1} µs per record, reading included)");
    }

    private static async Task TimeAsync(string provider, string name, int runs, int warmups, Func<Task> action)
    {
        for (var i = 0; i < (runs > 1 ? warmups : 0); i++)
        {
            await action();
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{provider}: {name}: {times[times.Count / 2]:F0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))})");
    }

    private const string Countries = "DEUSFRGBNLESITPLSECHATBEDKNOFIIEPTCZHUROGRJPCNINBRCAAUMXZA";

    private static string SqliteLoad(long n)
    {
        var startMs = (long)(Start - DateTime.UnixEpoch).TotalMilliseconds;
        return $"""
            WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {n - 1}),
            g AS (SELECT i, (i * 2654435761) % 4294967296 AS h, ((i / 5) * 7919) % 20000 AS ip FROM s)
            INSERT INTO usage_records (date, url, path, route, blueprint, status, remote_addr, authorization, browser, browser_version,
                platform, language, is_bot, country_code, server_name, method, speed, content_length)
            SELECT {startMs} + i * 2592000000 / {n},
                'http://shop.example/r' || (h % 20) || '/' || (h / 20 % 50), '/r' || (h % 20) || '/' || (h / 20 % 50), '/r' || (h % 20) || '/{"{{id}}"}',
                CASE h % 20 % 3 WHEN 0 THEN 'shop' WHEN 1 THEN 'api' ELSE NULL END,
                CASE WHEN h % 100 < 3 THEN 500 WHEN h % 100 < 8 THEN 404 WHEN h % 100 < 12 THEN 304 ELSE 200 END,
                '10.' || (ip / 256 % 256) || '.' || (ip % 256) || '.1', 0,
                CASE h / 1000 % 6 WHEN 0 THEN 'Chrome' WHEN 1 THEN 'Firefox' WHEN 2 THEN 'Safari' WHEN 3 THEN 'Edge' WHEN 4 THEN 'Opera' ELSE 'Googlebot' END,
                (115 + h / 7 % 5) || '.0',
                CASE h / 13 % 4 WHEN 0 THEN 'Windows' WHEN 1 THEN 'Linux' WHEN 2 THEN 'Mac OS X' ELSE 'Android' END,
                CASE h / 17 % 8 WHEN 0 THEN 'en-US' WHEN 1 THEN 'de' WHEN 2 THEN 'fr' WHEN 3 THEN 'es' WHEN 4 THEN 'en-GB' WHEN 5 THEN 'ja' WHEN 6 THEN 'pt-BR' ELSE 'it' END,
                CASE h / 1000 % 6 WHEN 5 THEN 1 ELSE 0 END, substr('{Countries}', (h / 19 % 29) * 2 + 1, 2),
                CASE h / 23 % 2 WHEN 0 THEN 'shop-app' ELSE 'api-app' END, 'GET',
                0.005 + (h / 29 % 1000) * (h / 31 % 1000) / 10000000.0, 200 + h / 37 % 20000
            FROM g
            """;
    }

    private static string PostgresLoad(long n)
    {
        var startSeconds = (long)(Start - DateTime.UnixEpoch).TotalSeconds;
        return $"""
            INSERT INTO usage_records (date, url, path, route, blueprint, status, remote_addr, "authorization", browser, browser_version,
                platform, language, is_bot, country_code, server_name, method, speed, content_length)
            SELECT to_timestamp({startSeconds} + (i * 2592000000 / {n}) / 1000.0),
                'http://shop.example/r' || (h % 20) || '/' || (h / 20 % 50), '/r' || (h % 20) || '/' || (h / 20 % 50), '/r' || (h % 20) || '/{"{{id}}"}',
                CASE h % 20 % 3 WHEN 0 THEN 'shop' WHEN 1 THEN 'api' ELSE NULL END,
                CASE WHEN h % 100 < 3 THEN 500 WHEN h % 100 < 8 THEN 404 WHEN h % 100 < 12 THEN 304 ELSE 200 END,
                '10.' || (ip / 256 % 256) || '.' || (ip % 256) || '.1', false,
                CASE h / 1000 % 6 WHEN 0 THEN 'Chrome' WHEN 1 THEN 'Firefox' WHEN 2 THEN 'Safari' WHEN 3 THEN 'Edge' WHEN 4 THEN 'Opera' ELSE 'Googlebot' END,
                (115 + h / 7 % 5) || '.0',
                CASE h / 13 % 4 WHEN 0 THEN 'Windows' WHEN 1 THEN 'Linux' WHEN 2 THEN 'Mac OS X' ELSE 'Android' END,
                CASE h / 17 % 8 WHEN 0 THEN 'en-US' WHEN 1 THEN 'de' WHEN 2 THEN 'fr' WHEN 3 THEN 'es' WHEN 4 THEN 'en-GB' WHEN 5 THEN 'ja' WHEN 6 THEN 'pt-BR' ELSE 'it' END,
                (h / 1000 % 6 = 5), substr('{Countries}', ((h / 19 % 29) * 2 + 1)::int, 2),
                CASE h / 23 % 2 WHEN 0 THEN 'shop-app' ELSE 'api-app' END, 'GET',
                0.005 + (h / 29 % 1000) * (h / 31 % 1000) / 10000000.0, 200 + h / 37 % 20000
            FROM (SELECT i, (i * 2654435761) % 4294967296 AS h, ((i / 5) * 7919) % 20000 AS ip FROM generate_series(0::bigint, {n - 1}) i) g
            """;
    }
}
