using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using UsageDashboard.Data.Rollups;

namespace UsageDashboard.Data.Retention;

/// <summary>
/// Runs retention in the background every <see cref="UsageRetentionOptions.Interval"/>: on PostgreSQL first
/// creates the raw-table partitions ahead, then purges expired data. Failures are logged and retried next run.
/// </summary>
internal sealed partial class UsageRetentionService(
    IDbContextFactory<UsageDbContext> contextFactory,
    UsagePurger purger,
    IOptions<UsageRetentionOptions> options,
    TimeProvider time,
    ILogger<UsageRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (and migrations run) before the first pass.
        await Task.Delay(TimeSpan.FromSeconds(10), time, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            await Task.Delay(options.Value.Interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (RollupProvider.IsPostgres(context))
                {
                    await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                    var created = await PostgreSqlPartitioning.EnsurePartitionsAsync(
                        (NpgsqlConnection)context.Database.GetDbConnection(), now, options.Value.PartitionMonthsAhead, cancellationToken).ConfigureAwait(false);
                    foreach (var name in created)
                    {
                        LogPartitionCreated(logger, name);
                    }
                }
            }

            var result = await purger.PurgeAsync(now, cancellationToken).ConfigureAwait(false);
            if (result.RawRows + result.RollupRows + result.DroppedPartitions > 0)
            {
                LogPurged(logger, result.RawRows, result.RollupRows, result.DroppedPartitions);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Created usage partition {Partition}")]
    private static partial void LogPartitionCreated(ILogger logger, string partition);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information,
        Message = "Usage retention purged {RawRows} raw records, {RollupRows} rollup rows and {Partitions} partitions")]
    private static partial void LogPurged(ILogger logger, long rawRows, long rollupRows, int partitions);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Usage retention run failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
