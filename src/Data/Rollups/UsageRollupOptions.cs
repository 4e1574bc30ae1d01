namespace UsageDashboard.Data.Rollups;

/// <summary>How the rollup hook buffers, bound from <c>UsageTracking:Rollups</c>.</summary>
public sealed class UsageRollupOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "UsageTracking:Rollups";

    /// <summary>
    /// Whether rollups are maintained and read (<c>Enabled</c>, default true). Every application sharing a database must
    /// agree: the dashboard reads rollups when this is on, so a tracker with rollups off would leave its requests out of
    /// every page but the request log until <c>rollups rebuild</c> runs.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long summed batches may wait in memory before they are upserted (<c>FlushInterval</c>). Summing several
    /// batches first turns many records of the same keys into one upsert row each, which is what keeps rollups a
    /// small share of ingest cost; rollups then lag raw rows by up to this long. Zero sums and writes every batch before
    /// the writer goes on to the next (and not in the background).
    /// Default 1 second.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Records summed in memory after which the hook writes regardless of time (<c>MaxPendingRecords</c>). Default 100 000.</summary>
    public int MaxPendingRecords { get; set; } = 100_000;

    /// <summary>
    /// How long the sums of remote addresses, visitors, everything per path, and routes by country and browser may wait in
    /// memory (<c>WideFlushInterval</c>). These dimensions have about one key per client (or per path, and per path and client
    /// country), so each flush writes about one row per key seen since the last one: a longer window turns a key's many
    /// requests into one row. The dashboard's pages read the newest buckets of these kinds from raw rows, so they do not
    /// see this lag (the summary API does). Default 30 seconds; never shorter than <see cref="FlushInterval"/>.
    /// </summary>
    public TimeSpan WideFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Distinct keys of the <see cref="WideFlushInterval"/> dimensions held in memory after which they are written regardless of time (<c>MaxPendingWideKeys</c>). Default 200 000.</summary>
    public int MaxPendingWideKeys { get; set; } = 200_000;
}
