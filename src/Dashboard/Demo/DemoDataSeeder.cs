using Microsoft.Extensions.Logging;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Dashboard.Demo;

/// <summary>Fills an empty usage database with a month of demo traffic (the dashboard's <c>--demo</c> switch).</summary>
public static partial class DemoDataSeeder
{
    /// <summary>Records written by default: comfortably above the 200 000 a convincing month needs.</summary>
    public const int DefaultCount = 250_000;

    /// <summary>Records summed into the rollups at a time.</summary>
    private const int RollupChunk = 50_000;

    private const int BatchSize = 10_000;

    /// <summary>Records between two progress lines in the log.</summary>
    private const int ProgressEvery = 50_000;

    /// <summary>
    /// When the database holds no record at all, writes <paramref name="count"/> demo records dated in the
    /// 30 days before <paramref name="end"/> (default now) through the database store's bulk path.
    /// A database that already has data is never touched.
    /// </summary>
    /// <param name="services">Services with the usage database, its store and the statistics queries registered (<c>AddUsageDemoData</c>).</param>
    /// <param name="end">The end of the month; default the current time.</param>
    /// <param name="count">How many records.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <returns>The number of records written: 0 when the database was not empty.</returns>
    public static async Task<int> SeedIfEmptyAsync(
        IServiceProvider services, DateTime? end = null, int count = DefaultCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var statistics = services.GetRequiredService<IUsageStatistics>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoDataSeeder));
        if (await statistics.HasRecordsAsync(cancellationToken).ConfigureAwait(false))
        {
            LogNotEmpty(logger);
            return 0;
        }

        var store = services.GetServices<IUsageStore>().FirstOrDefault(s => s.Name == "database")
            ?? throw new InvalidOperationException("The usage database store is not registered: call services.AddUsageDemoData().");
        var until = end ?? services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // Started from the host, the dashboard listens only once the month is in, which takes up to a minute on a
        // small machine: say so, and how far it has got, rather than stay silent until then.
        LogStarting(logger, count);

        // The bulk path has no hooks: each batch is summed into the rollups the dashboard reads, as the tracker's
        // hook would, in chunks that keep the in-memory sums small.
        var rollups = services.GetService<RollupRebuilder>();
        var pending = new List<UsageRecord>(RollupChunk);
        var started = TimeProvider.System.GetTimestamp();
        var batch = new List<UsageRecord>(BatchSize);
        var written = 0;
        foreach (var record in new DemoDataGenerator().Generate(until, TimeSpan.FromDays(30), count))
        {
            batch.Add(record);
            if (batch.Count == BatchSize)
            {
                written += await StoreAsync(store, rollups, batch, pending, cancellationToken).ConfigureAwait(false);
                batch = new List<UsageRecord>(BatchSize);
                if (written % ProgressEvery == 0 && written < count)
                {
                    LogProgress(logger, written, count);
                }
            }
        }

        written += await StoreAsync(store, rollups, batch, pending, cancellationToken).ConfigureAwait(false);
        if (rollups is not null && pending.Count > 0)
        {
            await rollups.AddAsync(pending, cancellationToken).ConfigureAwait(false);
        }

        LogSeeded(logger, written, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        return written;
    }

    private static async Task<int> StoreAsync(
        IUsageStore store, RollupRebuilder? rollups, List<UsageRecord> batch, List<UsageRecord> pending, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await store.StoreAsync(batch, cancellationToken).ConfigureAwait(false);
        if (rollups is not null)
        {
            pending.AddRange(batch);
            if (pending.Count >= RollupChunk)
            {
                await rollups.AddAsync(pending, cancellationToken).ConfigureAwait(false);
                pending.Clear();
            }
        }

        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: the usage database already has records; nothing written.")]
    private static partial void LogNotEmpty(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: writing a 30-day month of {Count} records and their rollups; the dashboard starts listening when they are in.")]
    private static partial void LogStarting(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Written} of {Count} records written.")]
    private static partial void LogProgress(ILogger logger, int written, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: wrote {Count} records of a 30-day month and their rollups in {Seconds:F1} s.")]
    private static partial void LogSeeded(ILogger logger, int count, double seconds);
}
