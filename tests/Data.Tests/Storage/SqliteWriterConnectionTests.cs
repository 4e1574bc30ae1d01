using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using UsageDashboard.Data.Storage;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Storage;

public sealed class SqliteWriterConnectionTests
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate nint DbMutexFunction(nint db);

    [Fact]
    public void A_file_is_reopened_without_the_connection_mutex_and_with_the_writer_settings()
    {
        using var file = new TemporarySqliteFile();
        using (var connection = SqliteWriterConnection.Open(file.ConnectionString, TimeSpan.FromSeconds(7)))
        {
            Assert.True(connection.IsUnlocked);
            Assert.Equal(0, DbMutex(connection.Handle));
            Assert.Equal(7000L, Scalar(connection.Handle, "PRAGMA busy_timeout"));
            Assert.Equal(1L, Scalar(connection.Handle, "PRAGMA synchronous"));
            Assert.Equal("wal", ScalarText(connection.Handle, "PRAGMA journal_mode"));

            connection.Begin();
            Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(connection.Handle, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (42)"));
            connection.Commit();
        }

        using var reader = new SqliteConnection(file.ConnectionString);
        reader.Open();
        using var select = reader.CreateCommand();
        select.CommandText = "SELECT x FROM t";
        Assert.Equal(42L, select.ExecuteScalar());
    }

    [Fact]
    public void A_database_in_memory_keeps_the_connection_it_was_opened_with()
    {
        using var connection = SqliteWriterConnection.Open("Data Source=:memory:;Pooling=False", TimeSpan.FromSeconds(1));

        Assert.False(connection.IsUnlocked);
        connection.Begin();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(connection.Handle, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)"));
        connection.Commit();
        Assert.Equal(1L, Scalar(connection.Handle, "SELECT count(*) FROM t"));
    }

    private static nint DbMutex(sqlite3 db)
    {
        var library = NativeLibrary.Load(raw.GetNativeLibraryName(), typeof(raw).Assembly, null);
        var dbMutex = Marshal.GetDelegateForFunctionPointer<DbMutexFunction>(NativeLibrary.GetExport(library, "sqlite3_db_mutex"));
        return dbMutex(db.DangerousGetHandle());
    }

    private static long Scalar(sqlite3 db, string sql)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));
            return raw.sqlite3_column_int64(statement, 0);
        }
    }

    private static string ScalarText(sqlite3 db, string sql)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));
            return raw.sqlite3_column_text(statement, 0).utf8_to_string();
        }
    }
}
