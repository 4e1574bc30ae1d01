using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace UsageDashboard.Data.Hosting;

/// <summary>
/// Applies pending migrations when the host starts (<see cref="UsageStorageOptions.MigrateOnStartup"/>).
/// Registered before the tracker's writer, so the table exists before the first batch.
/// </summary>
/// <remarks>
/// Several applications (a host app and the dashboard) may start against one database at the same
/// moment. On SQLite, EF Core's own migration lock (a lock table written under SQLite's write lock)
/// serializes them. On PostgreSQL a session-level advisory lock is taken around the whole migration as
/// well: it also covers the very first creation of the history table, which two concurrent
/// <c>CREATE TABLE IF NOT EXISTS</c> statements can otherwise race on.
/// </remarks>
internal sealed partial class UsageDatabaseMigrator(
    IDbContextFactory<UsageDbContext> contexts,
    IOptions<UsageStorageOptions> options,
    ILogger<UsageDatabaseMigrator> logger) : IHostedService
{
    /// <summary>An arbitrary constant that names the migration lock among other advisory locks.</summary>
    private const long AdvisoryLockKey = 0x55_53_41_47_45_44_42; // "USAGEDB"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup)
        {
            return;
        }

        var applied = await MigrateAsync(contexts, options.Value, cancellationToken).ConfigureAwait(false);
        LogMigrated(logger, options.Value.Provider, applied.Count, applied.Count == 0 ? "-" : string.Join(", ", applied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies pending migrations and returns the ones applied (empty when up to date).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(
        IDbContextFactory<UsageDbContext> contexts, UsageStorageOptions options, CancellationToken cancellationToken)
    {
        if (options.Provider == UsageStorageProvider.Sqlite)
        {
            SqlitePragmas.EnsureDirectory(options.ConnectionString!);
            return await MigrateContextAsync(contexts, cancellationToken).ConfigureAwait(false);
        }

        var lockConnection = new NpgsqlConnection(options.ConnectionString);
        await using (lockConnection.ConfigureAwait(false))
        {
            await lockConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
            try
            {
                return await MigrateContextAsync(contexts, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Closing the session would release the lock too; unlocking explicitly returns a pooled
                // connection clean.
                await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<IReadOnlyList<string>> MigrateContextAsync(
        IDbContextFactory<UsageDbContext> contexts, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            // EF reads the history table before it creates it, and logs the failed read of a new database as an error
            // (dotnet/efcore#37328); creating it first keeps an operator's first start free of that false alarm.
            await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (pending.Count > 0)
            {
                await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }

            return pending;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Usage database ({Provider}) is up to date; {Count} migration(s) applied: {Migrations}")]
    private static partial void LogMigrated(ILogger logger, UsageStorageProvider provider, int count, string migrations);
}
