using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using UsageDashboard.Data.Hosting;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// Writes batches to SQLite: one <c>BEGIN IMMEDIATE</c> transaction per batch and two prepared INSERTs, one of
/// <see cref="RowsPerStatement"/> rows and one of a single row for the rest, values bound by position straight into
/// the SQLite library (<see cref="SqliteNativeLibrary"/>), or through SQLitePCLRaw when that library cannot be reached
/// directly.
/// </summary>
/// <remarks>
/// Going below Microsoft.Data.Sqlite's command layer roughly halves the cost per row (parameter
/// objects, name lookup and reader setup per execution dominate a narrow INSERT). Several rows per statement share
/// what SQLite does once per execution: opening the table's and the index's cursors, and reading and updating the
/// table's <c>AUTOINCREMENT</c> counter in <c>sqlite_sequence</c>. The connection and the prepared statements live
/// across batches; after any failure all are dropped — closing the connection rolls back the open transaction, so a
/// batch is never partly written — and the next batch reconnects.
/// </remarks>
internal sealed class SqliteBatchWriter(
    UsageTableLayout layout,
    string connectionString,
    TimeSpan busyTimeout,
    SqliteNativeLibrary? native,
    SqliteWriteGate turns) : IUsageBatchWriter
{
    /// <summary>
    /// Rows bound to one execution of the multi-row INSERT. Eight took 0.85 of a single row's time per row in SQLite
    /// itself; sixteen and thirty-two gained nothing more.
    /// </summary>
    internal const int RowsPerStatement = 8;

    public SqliteBatchWriter(UsageTableLayout layout, string connectionString, TimeSpan busyTimeout, SqliteWriteGate turns)
        : this(layout, connectionString, busyTimeout, SqliteNativeLibrary.Shared, turns)
    {
    }

    private readonly UsageColumn[] _columns = [.. layout.Columns];
    private readonly string _insertOneSql = BuildInsert(layout, 1);
    private readonly string _insertManySql = BuildInsert(layout, RowsPerStatement);
    private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    private readonly Lock _gate = new();
    private SqliteWriterConnection? _connection;
    private PreparedInsert? _insertMany;
    private PreparedInsert? _insertOne;
    // One text value at a time, UTF-8, as SQLite copies it at its bind.
    private byte[] _utf8 = GC.AllocateUninitializedArray<byte>(4096);

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
        var (connection, many, one) = Open();
        connection.Begin();
        if (native is null)
        {
            WriteRows(many.Portable(), one.Portable(), batch, connection.Handle);
        }
        else
        {
            WriteRows(many.Native(native), one.Native(native), batch, connection.Handle);
        }

        connection.Commit();
    }

    private void WriteRows<TCalls>(
        RepeatSkippingStatementCalls<TCalls> many, RepeatSkippingStatementCalls<TCalls> one, IReadOnlyList<UsageRecord> batch, sqlite3 db)
        where TCalls : struct, ISqliteStatementCalls
    {
        var next = 0;
        for (; next + RowsPerStatement <= batch.Count; next += RowsPerStatement)
        {
            for (var row = 0; row < RowsPerStatement; row++)
            {
                Bind(many, batch[next + row], row);
            }

            Execute(many, db);
        }

        for (; next < batch.Count; next++)
        {
            Bind(one, batch[next], 0);
            Execute(one, db);
        }
    }

    private static void Execute<TCalls>(RepeatSkippingStatementCalls<TCalls> insert, sqlite3 db)
        where TCalls : struct, ISqliteStatementCalls
    {
        var rc = insert.Step();
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
            throw new SqliteException($"Inserting usage records returned {rc}.", rc);
        }

        insert.Reset();
    }

    /// <summary>Binds <paramref name="record"/> as row <paramref name="row"/> of the statement (0 for the first).</summary>
    private void Bind<TCalls>(RepeatSkippingStatementCalls<TCalls> insert, UsageRecord record, int row)
        where TCalls : struct, ISqliteStatementCalls
    {
        var columns = _columns;
        var first = row * columns.Length;
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var index = first + c + 1;
            switch (column.Kind)
            {
                case UsageColumnKind.Text:
                    BindText(insert, index, column.Text(record));
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

    private void BindText<TCalls>(RepeatSkippingStatementCalls<TCalls> insert, int index, string? value)
        where TCalls : struct, ISqliteStatementCalls
    {
        if (value is null)
        {
            insert.BindNull(index);
            return;
        }

        if (insert.Holds(index, value))
        {
            return;
        }

        // The database is UTF-8: encoding here (vectorized) spares SQLite a UTF-16 copy plus its own conversion.
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < most)
        {
            _utf8 = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, Math.Max(most, _utf8.Length * 2L)));
        }

        var length = Encoding.UTF8.GetBytes(value, _utf8);
        insert.BindText(index, value, new ReadOnlySpan<byte>(_utf8, 0, length));
    }

    private static void BindNullable<TCalls>(RepeatSkippingStatementCalls<TCalls> insert, int index, long? value)
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

    private (SqliteWriterConnection Connection, PreparedInsert Many, PreparedInsert One) Open()
    {
        if (_connection is not null && _insertMany is not null && _insertOne is not null)
        {
            return (_connection, _insertMany, _insertOne);
        }

        var connection = SqliteWriterConnection.Open(_connectionString, busyTimeout);
        try
        {
            _insertMany = new PreparedInsert(connection.Prepare(_insertManySql), RowsPerStatement * _columns.Length);
            _insertOne = new PreparedInsert(connection.Prepare(_insertOneSql), _columns.Length);
            _connection = connection;
            return (connection, _insertMany, _insertOne);
        }
        catch
        {
            Drop();
            connection.Dispose();
            throw;
        }
    }

    private void Drop()
    {
        _insertOne?.Dispose();
        _insertOne = null;
        _insertMany?.Dispose();
        _insertMany = null;
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

    private static string BuildInsert(UsageTableLayout layout, int rows)
    {
        var table = layout.Schema is null ? Quote(layout.Table) : $"{Quote(layout.Schema)}.{Quote(layout.Table)}";
        var names = string.Join(", ", layout.Columns.Select(c => Quote(c.Name)));
        var columns = layout.Columns.Count;
        var values = Enumerable.Range(0, rows)
            .Select(row => "(" + string.Join(", ", Enumerable.Range(row * columns + 1, columns).Select(i => $"?{i}")) + ")");
        // OR FAIL: a refused row stops the statement where it is, and the writer then rolls back the whole batch. With
        // the default (OR ABORT) SQLite would first undo the statement's earlier rows, and to be able to, it copies every
        // page a statement of several rows changes into a statement journal.
        return $"INSERT OR FAIL INTO {table} ({names}) VALUES {string.Join(", ", values)}";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// A prepared INSERT and what its parameters hold (see <see cref="RepeatSkippingStatementCalls{TCalls}"/>). It holds a
    /// reference on the statement's handle from preparing to disposing, so that direct calls may use the raw pointer.
    /// </summary>
    private sealed class PreparedInsert : IDisposable
    {
        private readonly sqlite3_stmt _statement;
        private readonly StatementBindings _bound;
        private bool _referenced;

        public PreparedInsert(sqlite3_stmt statement, int parameters)
        {
            _statement = statement;
            statement.DangerousAddRef(ref _referenced);
            _bound = new StatementBindings(parameters);
        }

        public RepeatSkippingStatementCalls<PortableStatementCalls> Portable() => new(new(_statement), _bound);

        public RepeatSkippingStatementCalls<NativeStatementCalls> Native(SqliteNativeLibrary library) =>
            new(new(_statement.DangerousGetHandle(), library), _bound);

        public void Dispose()
        {
            if (_referenced)
            {
                _statement.DangerousRelease();
                _referenced = false;
            }

            _statement.Dispose();
        }
    }
}
