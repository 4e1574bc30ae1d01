using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using UsageDashboard.Data.Hosting;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// Writes batches to SQLite: one <c>BEGIN IMMEDIATE</c> transaction per batch and one prepared INSERT,
/// values bound by position straight into the SQLite library (<see cref="SqliteNativeLibrary"/>), or through
/// SQLitePCLRaw when that library cannot be reached directly; reset and stepped once per row.
/// </summary>
/// <remarks>
/// Going below Microsoft.Data.Sqlite's command layer roughly halves the cost per row (parameter
/// objects, name lookup and reader setup per execution dominate a narrow INSERT). The connection and
/// the prepared statement live across batches; after any failure both are dropped — closing the
/// connection rolls back the open transaction, so a batch is never partly written — and the next batch
/// reconnects.
/// </remarks>
internal sealed class SqliteBatchWriter(
    UsageTableLayout layout,
    string connectionString,
    TimeSpan busyTimeout,
    SqliteNativeLibrary? native,
    SqliteWriteGate turns) : IUsageBatchWriter
{
    public SqliteBatchWriter(UsageTableLayout layout, string connectionString, TimeSpan busyTimeout, SqliteWriteGate turns)
        : this(layout, connectionString, busyTimeout, SqliteNativeLibrary.Shared, turns)
    {
    }

    private readonly UsageColumn[] _columns = [.. layout.Columns];
    // The current row's cleaned text values, by column (null for the other kinds).
    private readonly string?[] _texts = new string?[layout.Columns.Count];
    private readonly string _insertSql = BuildInsert(layout);
    private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    private readonly Lock _gate = new();
    private SqliteWriterConnection? _connection;
    private sqlite3_stmt? _insert;
    // Every text value of one row, UTF-8, side by side: pinned, so that SQLite can read the values in place when
    // the row is stepped instead of copying each one at its bind.
    private byte[] _utf8 = GC.AllocateUninitializedArray<byte>(4096, pinned: true);
    private int _utf8Used;

    public async ValueTask WriteAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count == 0)
        {
            return;
        }

        await turns.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // SQLite has no asynchronous I/O: the batch is written on the calling (background writer) thread.
            lock (_gate)
            {
                try
                {
                    Write(batch);
                }
                catch
                {
                    Drop();
                    throw;
                }
            }
        }
        finally
        {
            turns.Exit();
        }
    }

    private void Write(IReadOnlyList<UsageRecord> batch)
    {
        var (connection, insert) = Open();
        connection.Begin();
        if (native is null)
        {
            WriteRows(new PortableStatementCalls(insert), batch, connection.Handle);
        }
        else
        {
            // One reference for the whole batch instead of one per call keeps the statement alive.
            var added = false;
            try
            {
                insert.DangerousAddRef(ref added);
                WriteRows(new NativeStatementCalls(insert.DangerousGetHandle(), native), batch, connection.Handle);
            }
            finally
            {
                if (added)
                {
                    insert.DangerousRelease();
                }
            }
        }

        connection.Commit();
    }

    private void WriteRows<TCalls>(TCalls insert, IReadOnlyList<UsageRecord> batch, sqlite3 db)
        where TCalls : struct, ISqliteStatementCalls
    {
        for (var i = 0; i < batch.Count; i++)
        {
            Bind(insert, batch[i]);
            var rc = insert.Step();
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
                throw new SqliteException($"Inserting a usage record returned {rc}.", rc);
            }

            insert.Reset();
        }
    }

    private void Bind<TCalls>(TCalls insert, UsageRecord record)
        where TCalls : struct, ISqliteStatementCalls
    {
        var columns = _columns;
        PrepareText(record);
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var index = c + 1;
            switch (column.Kind)
            {
                case UsageColumnKind.Text:
                    BindText(insert, index, _texts[c]);
                    break;
                case UsageColumnKind.Int32:
                    insert.BindInt64(index, column.GetInt32!(record));
                    break;
                case UsageColumnKind.NullableInt32:
                    BindNullable(insert, index, column.GetNullableInt32!(record));
                    break;
                case UsageColumnKind.Int64:
                    insert.BindInt64(index, column.GetInt64!(record));
                    break;
                case UsageColumnKind.NullableInt64:
                    BindNullable(insert, index, column.GetNullableInt64!(record));
                    break;
                case UsageColumnKind.Double:
                    insert.BindDouble(index, UsageColumn.CleanDouble(column.GetDouble!(record)));
                    break;
                case UsageColumnKind.NullableDouble:
                    var d = column.GetNullableDouble!(record);
                    if (d is double value && !double.IsNaN(value))
                    {
                        insert.BindDouble(index, value);
                    }
                    else
                    {
                        insert.BindNull(index);
                    }

                    break;
                case UsageColumnKind.Boolean:
                    insert.BindInt64(index, column.GetBoolean!(record) ? 1 : 0);
                    break;
                case UsageColumnKind.NullableBoolean:
                    var b = column.GetNullableBoolean!(record);
                    BindNullable(insert, index, b is null ? null : b.Value ? 1 : 0);
                    break;
                case UsageColumnKind.Timestamp:
                    insert.BindInt64(index, UsageColumn.ToUnixMilliseconds(column.GetTimestamp!(record)));
                    break;
                default:
                    throw new NotSupportedException($"Column {column.Name} has kind {column.Kind}.");
            }
        }
    }

    private void BindText<TCalls>(TCalls insert, int index, string? value)
        where TCalls : struct, ISqliteStatementCalls
    {
        if (value is null)
        {
            insert.BindNull(index);
            return;
        }

        // The database is UTF-8: encoding here (vectorized) spares SQLite a UTF-16 copy plus its own conversion
        // of every value. PrepareText made room for the whole row.
        var length = Encoding.UTF8.GetBytes(value, _utf8.AsSpan(_utf8Used));
        insert.BindText(index, new ReadOnlySpan<byte>(_utf8, _utf8Used, length));
        _utf8Used += length;
    }

    /// <summary>Cleans every text value of <paramref name="record"/> once and makes room for all of them before any is bound.</summary>
    private void PrepareText(UsageRecord record)
    {
        _utf8Used = 0;
        var needed = 0L;
        for (var c = 0; c < _columns.Length; c++)
        {
            if (_columns[c].Kind == UsageColumnKind.Text && (_texts[c] = _columns[c].Text(record)) is { } value)
            {
                needed += Encoding.UTF8.GetMaxByteCount(value.Length);
            }
        }

        if (_utf8.Length < needed)
        {
            // The old buffer is released only now, between rows, when nothing is bound to it any more.
            _utf8 = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, Math.Max(needed, _utf8.Length * 2L)), pinned: true);
        }
    }

    private static void BindNullable<TCalls>(TCalls insert, int index, long? value)
        where TCalls : struct, ISqliteStatementCalls
    {
        if (value is long v)
        {
            insert.BindInt64(index, v);
        }
        else
        {
            insert.BindNull(index);
        }
    }

    private (SqliteWriterConnection Connection, sqlite3_stmt Insert) Open()
    {
        if (_connection is not null && _insert is not null)
        {
            return (_connection, _insert);
        }

        var connection = SqliteWriterConnection.Open(_connectionString, busyTimeout);
        try
        {
            _insert = connection.Prepare(_insertSql);
            _connection = connection;
            return (connection, _insert);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Drop()
    {
        _insert?.Dispose();
        _insert = null;
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Drop();
        }
    }

    private static string BuildInsert(UsageTableLayout layout)
    {
        var table = layout.Schema is null ? Quote(layout.Table) : $"{Quote(layout.Schema)}.{Quote(layout.Table)}";
        var names = string.Join(", ", layout.Columns.Select(c => Quote(c.Name)));
        var values = string.Join(", ", layout.Columns.Select((_, i) => $"?{i + 1}"));
        return $"INSERT INTO {table} ({names}) VALUES ({values})";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
