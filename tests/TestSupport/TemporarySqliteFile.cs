using Microsoft.Data.Sqlite;

namespace UsageDashboard.TestSupport;

/// <summary>
/// A uniquely named SQLite database file under the temp directory, deleted with its <c>-wal</c>,
/// <c>-shm</c> and <c>-journal</c> companions on dispose.
/// </summary>
public sealed class TemporarySqliteFile : IDisposable
{
    /// <summary>Creates the name; the file itself is created by whoever opens it first.</summary>
    public TemporarySqliteFile(string prefix = "usage-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path }.ConnectionString;
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>A connection string for <see cref="Path"/>.</summary>
    public string ConnectionString { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the files really go away.
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var suffix in (string[])["", "-wal", "-shm", "-journal"])
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
