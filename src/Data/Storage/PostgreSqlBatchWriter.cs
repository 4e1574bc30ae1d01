using System.Data;
using Npgsql;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// Writes batches to PostgreSQL with binary <c>COPY ... FROM STDIN</c>: one round trip per batch and no
/// per-row statement parsing. The rows are encoded into a buffer (<see cref="PostgreSqlCopyBuffer"/>) and sent
/// in chunks of one raw binary COPY. COPY is atomic: if sending fails, the COPY is cancelled and no row of
/// the batch is kept; a row the server refuses fails the whole COPY the same way. A pooled connection the server
/// has closed is found out when the COPY starts, before any row is sent, and the batch goes again on a new one.
/// </summary>
internal sealed class PostgreSqlBatchWriter(UsageTableLayout layout, string connectionString) : IUsageBatchWriter
{
    // Enough for a typical request row (URL, user agent, names); the buffer grows when a chunk needs more.
    private const int BytesPerRowEstimate = 512;

    /// <summary>
    /// A batch is sent in chunks of about this size, each as soon as it is encoded, so that the server inserts one chunk
    /// while the writer encodes the next; a batch sent whole kept the server waiting while the writer encoded all of it.
    /// Chunks of 64 KB cost the server a wake-up each and more CPU per row than they saved.
    /// </summary>
    private const int ChunkBytes = 256 * 1024;

    private readonly UsageColumn[] _columns = [.. layout.Columns];
    private readonly string _copySql = BuildCopy(layout);
    // The data source is the writer's own and its sessions carry no state, so a connection taken back from
    // the pool needs no DISCARD ALL (which would also drop the session's cached identity values).
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true });

    public async ValueTask WriteAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // Room for a whole chunk and the row that crosses its end, so that the buffer is not grown (and copied) per batch.
        using var rows = new PostgreSqlCopyBuffer(Math.Min(batch.Count * BytesPerRowEstimate, 2 * ChunkBytes));

        // The first chunk is encoded before the COPY starts: a connection found dead then has been sent nothing.
        var next = EncodeChunk(rows, batch, 0);
        var (connection, copy) = await BeginCopyAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                // While the server inserts one chunk, the next is encoded: the two sides overlap instead of taking turns.
                await copy.WriteAsync(rows.Written, cancellationToken).ConfigureAwait(false);
                while (next < batch.Count)
                {
                    rows.Clear();
                    next = EncodeChunk(rows, batch, next);
                    await copy.WriteAsync(rows.Written, cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                // Disposing a raw COPY stream completes the COPY; a failed or cancelled send (or encoding) must abort it,
                // so that no row of the batch is kept.
                await CancelQuietlyAsync(copy).ConfigureAwait(false);
                throw;
            }

            // Completes the COPY and commits; a row the server refuses surfaces here and nothing is kept.
            await copy.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Opens a pooled connection and starts the COPY on it. A connection the server had closed while it sat idle (a restart,
    /// a failover, an idle session timeout) is found out here, before anything is sent; its idle siblings are as dead, so
    /// they are all dropped and the COPY starts once more on a new connection.
    /// </summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlRawCopyStream Copy)> BeginCopyAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return (connection, await connection.BeginRawBinaryCopyAsync(_copySql, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception) when (attempt == 1 && connection.State != ConnectionState.Open && !cancellationToken.IsCancellationRequested)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                _dataSource.Clear();
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Encodes rows from <paramref name="start"/> until the buffer holds <see cref="ChunkBytes"/> (the end-of-data marker
    /// after the last row); returns the index of the first row not encoded.
    /// </summary>
    private int EncodeChunk(PostgreSqlCopyBuffer rows, IReadOnlyList<UsageRecord> batch, int start)
    {
        var fieldCount = checked((short)_columns.Length);
        var i = start;
        while (i < batch.Count && rows.Length < ChunkBytes)
        {
            rows.StartRow(fieldCount);
            WriteRow(rows, batch[i++]);
        }

        if (i == batch.Count)
        {
            rows.Finish();
        }

        return i;
    }

    private void WriteRow(PostgreSqlCopyBuffer rows, UsageRecord record)
    {
        var columns = _columns;
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            switch (column.Kind)
            {
                case UsageColumnKind.Text:
                    if (column.Text(record) is string text)
                    {
                        rows.WriteText(text);
                    }
                    else
                    {
                        rows.WriteNull();
                    }

                    break;
                case UsageColumnKind.Int32:
                    rows.WriteInt32(column.GetInt32!(record));
                    break;
                case UsageColumnKind.NullableInt32:
                    if (column.GetNullableInt32!(record) is int i32)
                    {
                        rows.WriteInt32(i32);
                    }
                    else
                    {
                        rows.WriteNull();
                    }

                    break;
                case UsageColumnKind.Int64:
                    rows.WriteInt64(column.GetInt64!(record));
                    break;
                case UsageColumnKind.NullableInt64:
                    if (column.GetNullableInt64!(record) is long i64)
                    {
                        rows.WriteInt64(i64);
                    }
                    else
                    {
                        rows.WriteNull();
                    }

                    break;
                case UsageColumnKind.Double:
                    rows.WriteDouble(UsageColumn.CleanDouble(column.GetDouble!(record)));
                    break;
                case UsageColumnKind.NullableDouble:
                    if (column.GetNullableDouble!(record) is double d && !double.IsNaN(d))
                    {
                        rows.WriteDouble(d);
                    }
                    else
                    {
                        rows.WriteNull();
                    }

                    break;
                case UsageColumnKind.Boolean:
                    rows.WriteBoolean(column.GetBoolean!(record));
                    break;
                case UsageColumnKind.NullableBoolean:
                    if (column.GetNullableBoolean!(record) is bool b)
                    {
                        rows.WriteBoolean(b);
                    }
                    else
                    {
                        rows.WriteNull();
                    }

                    break;
                case UsageColumnKind.Timestamp:
                    rows.WriteTimestamp(UsageColumn.NormalizeTimestamp(column.GetTimestamp!(record)));
                    break;
                default:
                    throw new NotSupportedException($"Column {column.Name} has kind {column.Kind}.");
            }
        }
    }

    private static async Task CancelQuietlyAsync(NpgsqlRawCopyStream copy)
    {
        try
        {
            await copy.CancelAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The original failure is what the caller must see; the connection is discarded anyway.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public void Dispose() => _dataSource.Dispose();

    private static string BuildCopy(UsageTableLayout layout)
    {
        var table = layout.Schema is null ? Quote(layout.Table) : $"{Quote(layout.Schema)}.{Quote(layout.Table)}";
        var names = string.Join(", ", layout.Columns.Select(c => Quote(c.Name)));
        return $"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
