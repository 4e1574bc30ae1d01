using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Keeps the rollup tables current: after the database store has written a batch, the batch is summed in
/// memory per bucket and key and upserted in one transaction. Other stores (e.g. the logger store) are
/// ignored, so a batch is counted once however many stores there are.
/// </summary>
/// <remarks>
/// The upsert runs after the raw rows were committed, in its own transaction: a failure here loses no raw
/// data, and <see cref="RollupRebuilder"/> recomputes the affected range from the raw rows.
/// </remarks>
internal sealed partial class RollupHook(
    IDbContextFactory<UsageDbContext> contextFactory,
    ILogger<RollupHook> logger) : IUsageStoreHook
{
    private long _batches;
    private long _failures;

    public long Batches => Interlocked.Read(ref _batches);

    public long Failures => Interlocked.Read(ref _failures);

    public async ValueTask OnBatchStoredAsync(IUsageStore store, IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0 || !RollupStores.IsDatabaseStore(store))
        {
            return;
        }

        var aggregated = new RollupBatch();
        aggregated.AddRange(batch);
        try
        {
            await WriteAsync(aggregated, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _batches);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failures);
            LogFailed(logger, batch.Count, ex);
            throw;
        }
    }

    internal async Task WriteAsync(RollupBatch batch, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var writer = RollupProvider.Writer(context);
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error,
        Message = "Updating usage rollups failed for a batch of {Count} records; raw records are stored, run 'rollups rebuild' for the range")]
    private static partial void LogFailed(ILogger logger, int count, Exception exception);
}
