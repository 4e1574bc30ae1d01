namespace UsageDashboard.Data.Storage;

/// <summary>
/// Turns between this process's writers of the SQLite database: the tracker's batch writer and the rollup flushes,
/// which run at the same time since rollups are written in the background.
/// </summary>
/// <remarks>
/// SQLite lets one connection write at a time and makes the others wait in its busy handler for at most
/// <see cref="UsageStorageOptions.SqliteBusyTimeout"/>. A large rollup flush could outlast that timeout and fail a batch
/// of raw records, so the two take turns here instead, without a time limit. Writers in other processes still meet in
/// the busy handler. PostgreSQL needs no such turns, and its writers never enter.
/// </remarks>
internal sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this writer's turn; <see cref="Exit"/> must follow.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => _turn.WaitAsync(cancellationToken);

    public void Exit() => _turn.Release();

    public void Dispose() => _turn.Dispose();
}
