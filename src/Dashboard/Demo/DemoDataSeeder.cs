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

    private const int BatchSize = 10_000;

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
        var started = TimeProvider.System.GetTimestamp();
        var batch = new List<UsageRecord>(BatchSize);
        var written = 0;
        foreach (var record in new DemoDataGenerator().Generate(until, TimeSpan.FromDays(30), count))
        {
            batch.Add(record);
            if (batch.Count == BatchSize)
            {
                await store.StoreAsync(batch, cancellationToken).ConfigureAwait(false);
                written += batch.Count;
                batch = new List<UsageRecord>(BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            await store.StoreAsync(batch, cancellationToken).ConfigureAwait(false);
            written += batch.Count;
        }

        LogSeeded(logger, written, TimeProvider.System.GetElapsedTime(started).TotalSeconds);

        // The records went straight to the raw table (the bulk path has no hooks): sum them into the rollups the
        // dashboard reads, as after any import.
        if (services.GetService<RollupRebuilder>() is { } rebuilder)
        {
            var rebuilt = await rebuilder.RebuildAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            LogRolledUp(logger, rebuilt.Elapsed.TotalSeconds);
        }

        return written;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: rollups rebuilt in {Seconds:F1} s.")]
    private static partial void LogRolledUp(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: the usage database already has records; nothing written.")]
    private static partial void LogNotEmpty(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: wrote {Count} records of a 30-day month in {Seconds:F1} s.")]
    private static partial void LogSeeded(ILogger logger, int count, double seconds);
}
