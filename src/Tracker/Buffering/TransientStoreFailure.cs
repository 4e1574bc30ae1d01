using System.Data.Common;

namespace UsageDashboard.Tracker.Buffering;

/// <summary>
/// Which store failures are worth waiting out, and how long: a database that refuses connections while it restarts or
/// fails over is back within seconds, and the queue holds the requests meanwhile (100 000 by default), so a batch that
/// fails this way is written again instead of dropped.
/// </summary>
/// <remarks>
/// A connection lost in the instant between the database's commit and its acknowledgement is the one case where the batch
/// was kept after all; writing it again then stores it twice. Losing every batch of a restart is the worse trade.
/// </remarks>
internal static class TransientStoreFailure
{
    /// <summary>The longest a batch waits in all for its store to come back; then it is dropped and counted.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(4);

    /// <summary>
    /// A failure the database driver itself calls transient (<see cref="DbException.IsTransient"/>: the server unreachable
    /// or restarting, a connection lost, SQLite busy), anywhere in the chain. A refused row or a bug is not: trying again
    /// would fail the same way.
    /// </summary>
    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1: 0.25 s, doubling up to 4 s.</summary>
    public static TimeSpan PauseAfter(int attempt) => attempt >= 5 ? LongestPause : FirstPause * (1 << (attempt - 1));
}
