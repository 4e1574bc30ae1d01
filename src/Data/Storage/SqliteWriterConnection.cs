using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using UsageDashboard.Data.Hosting;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// The batch writer's own connection to the SQLite file, opened without SQLite's per-connection mutex.
/// </summary>
/// <remarks>
/// In SQLite's default (serialized) mode every call on a connection locks and unlocks that connection's mutex: for a
/// usage row, 35 binds, a step and a reset. The writer's connection is only ever used by one thread at a time (under
/// the writer's lock), so it is opened with <c>SQLITE_OPEN_NOMUTEX</c>. Microsoft.Data.Sqlite cannot pass that flag,
/// so it opens the file first (resolving the data source, creating the file, applying the connection string) and the
/// file is then reopened by the path SQLite reports for it. A database that cannot be reopened that way (in memory,
/// or keyed by a password) keeps Microsoft.Data.Sqlite's connection.
/// </remarks>
internal sealed class SqliteWriterConnection : IDisposable
{
    private readonly SqliteConnection? _opener;
    private readonly TimeSpan _busyTimeout;

    private SqliteWriterConnection(sqlite3 handle, SqliteConnection? opener, TimeSpan busyTimeout)
    {
        Handle = handle;
        _opener = opener;
        _busyTimeout = busyTimeout;
    }

    public sqlite3 Handle { get; }

    /// <summary>Whether the connection runs without its mutex (the file could be reopened).</summary>
    public bool IsUnlocked => _opener is null;

    public static SqliteWriterConnection Open(string connectionString, TimeSpan busyTimeout)
    {
        SqlitePragmas.EnsureDirectory(connectionString);
        var opener = new SqliteConnection(connectionString);
        SqliteWriterConnection connection;
        try
        {
            opener.Open();
            var path = raw.sqlite3_db_filename(opener.Handle, "main").utf8_to_string();
            if (string.IsNullOrEmpty(path) || !string.IsNullOrEmpty(new SqliteConnectionStringBuilder(connectionString).Password))
            {
                connection = new SqliteWriterConnection(opener.Handle!, opener, busyTimeout);
            }
            else
            {
                // The opener has created the file and resolved its path; the writer's own connection replaces it.
                opener.Dispose();
                connection = new SqliteWriterConnection(Reopen(path), null, busyTimeout);
            }
        }
        catch
        {
            opener.Dispose();
            throw;
        }

        try
        {
            Execute(connection.Handle, new SqlitePragmas(busyTimeout).Sql);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>Starts a write transaction, waiting (up to the busy timeout) for another writer's lock.</summary>
    public void Begin()
    {
        // SQLite's busy handler waits for another writer's lock, but some contention (another connection recovering or
        // restarting the WAL) is reported at once. Microsoft.Data.Sqlite retries those until its timeout; so does this.
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var rc = raw.sqlite3_exec(Handle, "BEGIN IMMEDIATE");
            if ((rc & 0xFF) is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) || Stopwatch.GetElapsedTime(started) >= _busyTimeout)
            {
                Check(rc, Handle);
                return;
            }

            Thread.Sleep(10);
        }
    }

    public void Commit() => Execute(Handle, "COMMIT");

    public sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(Handle, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            Check(rc, Handle);
        }

        return statement ?? throw new InvalidOperationException($"SQLite prepared no statement from: {sql}");
    }

    /// <summary>Closing rolls back a transaction left open by a failed batch.</summary>
    public void Dispose()
    {
        if (_opener is null)
        {
            Handle.Dispose();
        }
        else
        {
            _opener.Dispose();
        }
    }

    private static sqlite3 Reopen(string path)
    {
        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            Check(rc, db);
        }
        catch
        {
            db?.Dispose();
            throw;
        }

        return db;
    }

    private static void Execute(sqlite3 db, string sql) => Check(raw.sqlite3_exec(db, sql), db);

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
            throw new SqliteException($"SQLite returned {rc}.", rc);
        }
    }
}
