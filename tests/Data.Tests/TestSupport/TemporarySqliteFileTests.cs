using Microsoft.Data.Sqlite;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.TestSupport;

public sealed class TemporarySqliteFileTests
{
    [Fact]
    public void Dispose_deletes_the_database_and_its_wal_files()
    {
        string path;
        using (var file = new TemporarySqliteFile())
        {
            path = file.Path;
            using var connection = new SqliteConnection(file.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);";
            command.ExecuteNonQuery();
            Assert.True(File.Exists(path));
            Assert.True(File.Exists(path + "-wal"));
        }

        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + "-wal"));
        Assert.False(File.Exists(path + "-shm"));
    }

    [Fact]
    public void Each_instance_has_its_own_path()
    {
        using var a = new TemporarySqliteFile();
        using var b = new TemporarySqliteFile();
        Assert.NotEqual(a.Path, b.Path);
        Assert.StartsWith(Path.GetTempPath(), a.Path, StringComparison.Ordinal);
    }
}
