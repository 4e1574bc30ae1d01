namespace UsageDashboard.Tracker.Enrichment.Visitors;

/// <summary>Where the daily visitor salts live: the shared database in production, memory in tests.</summary>
internal interface IVisitorSaltStore
{
    /// <summary>The salt of <paramref name="day"/>, created with 32 random bytes when no instance has made one yet.</summary>
    Task<byte[]> GetOrCreateAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>Deletes the salts of days before <paramref name="day"/>, after which old ids can no longer be recomputed.</summary>
    Task DeleteBeforeAsync(DateOnly day, CancellationToken cancellationToken);
}
