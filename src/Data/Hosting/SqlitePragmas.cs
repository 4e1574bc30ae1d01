using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace UsageDashboard.Data.Hosting;

/// <summary>
/// Per-connection SQLite settings that let a writer application and reader applications share one file.
/// </summary>
/// <remarks>
/// WAL lets readers proceed while a batch is being written (and is persistent in the file, so setting it
/// again is a no-op); <c>synchronous=NORMAL</c> is the recommended pairing with WAL: it cannot corrupt the
/// database, a power cut can only lose the last committed batches, and it saves an fsync per batch;
/// <c>busy_timeout</c> makes SQLite itself wait for another connection's write lock instead of failing at
/// once, which also covers statements run through the raw SQLitePCLRaw API.
/// </remarks>
internal sealed class SqlitePragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    public string Sql { get; } =
        $"PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";

    /// <summary>Creates the directory of a SQLite file so that a fresh content root works out of the box.</summary>
    public static void EnsureDirectory(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.IsPathRooted(source) && Path.GetDirectoryName(source) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
