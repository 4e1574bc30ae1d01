namespace UsageDashboard.Data.Rollups;

/// <summary>How the rollup hook buffers, bound from <c>UsageTracking:Rollups</c>.</summary>
public sealed class UsageRollupOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "UsageTracking:Rollups";

    /// <summary>
    /// How long summed batches may wait in memory before they are upserted (<c>FlushInterval</c>). Summing several
    /// batches first turns many records of the same keys into one upsert row each, which is what keeps rollups a
    /// small share of ingest cost; rollups then lag raw rows by up to this long. Zero writes every batch at once.
    /// Default 1 second.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Records summed in memory after which the hook writes regardless of time (<c>MaxPendingRecords</c>). Default 100 000.</summary>
    public int MaxPendingRecords { get; set; } = 100_000;
}
