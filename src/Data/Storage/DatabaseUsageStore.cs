using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// The built-in database store: writes each batch through the configured provider's bulk path
/// (prepared SQLite INSERT or PostgreSQL binary COPY), never EF Core change tracking.
/// </summary>
/// <remarks>
/// A failure (database down, locked, disk full) is thrown to the writer, which logs and counts it;
/// the batch is then either fully written or not at all.
/// </remarks>
internal sealed class DatabaseUsageStore(
    IDbContextFactory<UsageDbContext> contexts,
    IOptions<UsageStorageOptions> options,
    SqliteWriteGate turns) : IUsageStore, IDisposable
{
    private IUsageBatchWriter? _writer;

    public string Name => "database";

    public ValueTask StoreAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        return (_writer ??= CreateWriter()).WriteAsync(batch, cancellationToken);
    }

    private IUsageBatchWriter CreateWriter()
    {
        // The column list comes from the EF model once; building a context opens no connection.
        using var context = contexts.CreateDbContext();
        var layout = UsageTableLayout.FromContext(context);
        var settings = options.Value;
        return settings.Provider switch
        {
            UsageStorageProvider.Sqlite => new SqliteBatchWriter(layout, settings.ConnectionString!, settings.SqliteBusyTimeout, turns),
            UsageStorageProvider.PostgreSql => new PostgreSqlBatchWriter(layout, settings.ConnectionString!),
            _ => throw new InvalidOperationException($"Unknown usage storage provider {settings.Provider}."),
        };
    }

    public void Dispose() => _writer?.Dispose();
}
